package dev.mlforge.events;

/**
 * The workspace each event was published in, for a bus that carries events between servers (Kafka): the bus writes
 * the publisher's workspace with the event and hands back the workspace of an event it received, so that the receiving
 * server delivers the event in that workspace, as the in-process bus does.
 */
public interface EventWorkspaces {
    /** The workspace {@code event} was published in on this server. */
    String of(Event event);

    /** Remembers that {@code event}, read from the bus, was published in {@code workspace}; its delivery binds it. */
    void received(Event event, String workspace);
}
