package dev.mlforge.app;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mlforge.events.Event;
import dev.mlforge.events.EventBus;
import dev.mlforge.events.EventWorkspaces;
import dev.mlforge.store.WorkspaceContext;
import java.util.function.Consumer;

/**
 * The event bus, delivering each event in the workspace it was published in: a registry event of a request in
 * workspace {@code team-b} reaches its subscribers (webhooks, deployments following aliases) on the bus's thread with
 * {@code team-b} bound, so that they look names up there and act only for that workspace. Events are remembered by
 * identity while they are in flight; a bus shared by several servers (Kafka) carries the workspace on the wire and
 * names it for each event it reads ({@link EventWorkspaces}); an event whose workspace is unknown (sent by a server
 * that did not write it) is delivered in {@code default}.
 */
final class WorkspaceEvents implements EventBus, EventWorkspaces {
    private final EventBus bus;
    private final WorkspaceContext workspace;
    private final Cache<Event, String> published = Caffeine.newBuilder().weakKeys().build();

    WorkspaceEvents(EventBus bus, WorkspaceContext workspace) {
        this.bus = bus;
        this.workspace = workspace;
        bus.carryWorkspaces(this);
    }

    @Override
    public String of(Event event) {
        String home = published.getIfPresent(event);
        return home == null ? WorkspaceContext.DEFAULT : home;
    }

    @Override
    public void received(Event event, String home) {
        published.put(event, home);
    }

    @Override
    public void publish(Event event) {
        published.put(event, workspace.current());
        bus.publish(event);
    }

    @Override
    public <E extends Event> AutoCloseable subscribe(Class<E> type, Consumer<? super E> listener) {
        return bus.subscribe(type, inPublished(listener));
    }

    @Override
    public <E extends Event> AutoCloseable subscribeOnEveryServer(Class<E> type, Consumer<? super E> listener) {
        return bus.subscribeOnEveryServer(type, inPublished(listener));
    }

    private <E extends Event> Consumer<E> inPublished(Consumer<? super E> listener) {
        return event -> {
            workspace.in(of(event), () -> {
                listener.accept(event);
                return null;
            });
        };
    }

    @Override
    public void start() {
        bus.start();
    }

    @Override
    public void close() {
        bus.close();
    }
}
