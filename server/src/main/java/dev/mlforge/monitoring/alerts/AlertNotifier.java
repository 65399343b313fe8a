package dev.mlforge.monitoring.alerts;

/** A notification channel; it records its attempts in the delivery log. */
interface AlertNotifier {
    void send(Notification notification);
}
