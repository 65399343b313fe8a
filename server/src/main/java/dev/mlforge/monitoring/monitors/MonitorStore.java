package dev.mlforge.monitoring.monitors;

import java.util.List;
import java.util.Optional;

/** Persistence of monitors and their results. */
interface MonitorStore {
    void insert(Monitor monitor);

    Optional<Monitor> monitor(String id);

    List<Monitor> monitors();

    /** The workspace the monitor was created in ({@code default} for one that does not exist). */
    String workspaceOf(String id);

    /** Deletes the monitor and its results; false when there was none. */
    boolean delete(String id);

    /** Stores a result and returns it with its assigned id. */
    MonitorResult insertResult(MonitorResult result);

    /** The newest results of a monitor first, at most {@code limit}. */
    List<MonitorResult> results(String monitorId, int limit);
}
