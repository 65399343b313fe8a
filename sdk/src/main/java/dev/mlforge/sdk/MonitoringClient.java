package dev.mlforge.sdk;

import dev.mlforge.api.monitoring.AlertInfo;
import dev.mlforge.api.monitoring.AlertResponse;
import dev.mlforge.api.monitoring.AlertRuleInfo;
import dev.mlforge.api.monitoring.AlertRuleResponse;
import dev.mlforge.api.monitoring.CreateAlertRuleRequest;
import dev.mlforge.api.monitoring.CreateMonitorRequest;
import dev.mlforge.api.monitoring.DeliveryInfo;
import dev.mlforge.api.monitoring.EmptyMonitoringResponse;
import dev.mlforge.api.monitoring.ListAlertRulesResponse;
import dev.mlforge.api.monitoring.ListAlertsResponse;
import dev.mlforge.api.monitoring.ListDeliveriesResponse;
import dev.mlforge.api.monitoring.ListMonitorResultsResponse;
import dev.mlforge.api.monitoring.ListMonitorsResponse;
import dev.mlforge.api.monitoring.MonitorInfo;
import dev.mlforge.api.monitoring.MonitorResponse;
import dev.mlforge.api.monitoring.MonitorResultInfo;
import dev.mlforge.api.monitoring.MonitorResultResponse;
import java.util.List;
import java.util.Map;

/**
 * The monitoring calls: drift and performance monitors of deployments ({@code /api/v1/monitors}), alert rules
 * ({@code /api/v1/alert-rules}) and the alerts they fire ({@code /api/v1/alerts}).
 *
 * <p>Obtained from {@link MlforgeClient#monitoring()}; thread-safe. Every method throws
 * {@link MlforgeClientException} when the server rejects the call or cannot be reached
 * ({@code RESOURCE_DOES_NOT_EXIST} for an unknown id, {@code INVALID_PARAMETER_VALUE} for a bad definition).
 */
public final class MonitoringClient {
    private static final String MONITORS = "/api/v1/monitors";
    private static final String RULES = "/api/v1/alert-rules";
    private static final String ALERTS = "/api/v1/alerts";
    private final HttpTransport transport;

    MonitoringClient(HttpTransport transport) {
        this.transport = transport;
    }

    /**
     * Creates a monitor.
     *
     * @param request the monitored deployment, reference, window, schedule and task
     * @return the monitor with its id
     */
    public MonitorInfo createMonitor(CreateMonitorRequest request) {
        return transport.sendJson("POST", MONITORS, request, MonitorResponse.class, false).monitor();
    }

    /**
     * Lists every monitor.
     *
     * @return the monitors
     */
    public List<MonitorInfo> monitors() {
        return orEmpty(transport.getJson(MONITORS, Map.of(), ListMonitorsResponse.class).monitors());
    }

    /**
     * Reads one monitor.
     *
     * @param id the monitor's id
     * @return the monitor
     */
    public MonitorInfo monitor(String id) {
        return transport.getJson(path(MONITORS, id), Map.of(), MonitorResponse.class).monitor();
    }

    /**
     * Runs a monitor now: reads its window of logged predictions, compares it with the reference and evaluates
     * the alert rules.
     *
     * @param id the monitor's id
     * @return the result of this run
     */
    public MonitorResultInfo runMonitor(String id) {
        return transport.sendJson("POST", path(MONITORS, id) + "/run", Map.of(), MonitorResultResponse.class, false).result();
    }

    /**
     * The results of a monitor's runs, newest first.
     *
     * @param id the monitor's id
     * @param maxResults at most this many
     * @return the results
     */
    public List<MonitorResultInfo> results(String id, int maxResults) {
        return orEmpty(transport.getJson(path(MONITORS, id) + "/results", Map.of("max_results", maxResults),
                ListMonitorResultsResponse.class).results());
    }

    /**
     * Deletes a monitor and its results.
     *
     * @param id the monitor's id
     */
    public void deleteMonitor(String id) {
        transport.sendJson("DELETE", path(MONITORS, id), Map.of(), EmptyMonitoringResponse.class, true);
    }

    /**
     * Creates an alert rule (an administrator's call when the server checks permissions).
     *
     * @param request the metric, comparator, threshold and where to notify
     * @return the rule with its id
     */
    public AlertRuleInfo createRule(CreateAlertRuleRequest request) {
        return transport.sendJson("POST", RULES, request, AlertRuleResponse.class, false).alertRule();
    }

    /**
     * Lists every alert rule.
     *
     * @return the rules
     */
    public List<AlertRuleInfo> rules() {
        return orEmpty(transport.getJson(RULES, Map.of(), ListAlertRulesResponse.class).alertRules());
    }

    /**
     * Reads one alert rule.
     *
     * @param id the rule's id
     * @return the rule
     */
    public AlertRuleInfo rule(String id) {
        return transport.getJson(path(RULES, id), Map.of(), AlertRuleResponse.class).alertRule();
    }

    /**
     * Deletes an alert rule.
     *
     * @param id the rule's id
     */
    public void deleteRule(String id) {
        transport.sendJson("DELETE", path(RULES, id), Map.of(), EmptyMonitoringResponse.class, true);
    }

    /**
     * Lists alerts, newest first.
     *
     * @param state {@code firing} or {@code resolved}, or null for both
     * @return the alerts
     */
    public List<AlertInfo> alerts(String state) {
        return orEmpty(transport.getJson(ALERTS, state == null ? Map.of() : Map.of("state", state), ListAlertsResponse.class).alerts());
    }

    /**
     * Reads one alert.
     *
     * @param id the alert's id
     * @return the alert
     */
    public AlertInfo alert(String id) {
        return transport.getJson(path(ALERTS, id), Map.of(), AlertResponse.class).alert();
    }

    /**
     * The notification attempts of an alert, oldest first.
     *
     * @param id the alert's id
     * @return the attempts
     */
    public List<DeliveryInfo> deliveries(String id) {
        return orEmpty(transport.getJson(path(ALERTS, id) + "/deliveries", Map.of(), ListDeliveriesResponse.class).deliveries());
    }

    private static String path(String base, String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an id is required");
        }
        return base + "/" + HttpTransport.encode(id);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
