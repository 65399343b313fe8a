package dev.mlforge.monitoring.monitors;

import dev.mlforge.api.monitoring.ColumnDriftVerdict;
import dev.mlforge.api.monitoring.ColumnOverrideSpec;
import dev.mlforge.api.monitoring.CreateMonitorRequest;
import dev.mlforge.api.monitoring.DriftSummary;
import dev.mlforge.api.monitoring.MonitorInfo;
import dev.mlforge.api.monitoring.MonitorReferenceSpec;
import dev.mlforge.api.monitoring.MonitorResultInfo;
import dev.mlforge.api.monitoring.MonitorScheduleSpec;
import dev.mlforge.api.monitoring.MonitorWindowSpec;
import dev.mlforge.monitoring.performance.Task;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Translates monitors and their results between the domain records and the api-model wire records
 * ({@code dev.mlforge.api.monitoring}), which are also the stored form of both.
 */
final class MonitorWire {
    private MonitorWire() {}

    static MonitorRequest request(CreateMonitorRequest request) {
        if (request == null) {
            return null;
        }
        MonitorReferenceSpec reference = request.reference();
        MonitorWindowSpec window = request.window();
        MonitorScheduleSpec schedule = request.schedule();
        return new MonitorRequest(request.deployment(), reference == null ? null : reference(reference),
                window == null ? null : new WindowSpec(window.lastN(), window.spanSeconds()),
                schedule == null ? null : new MonitorSchedule(schedule.intervalSeconds(), schedule.cron()),
                request.columnOverrides() == null ? null : mapValues(request.columnOverrides(), MonitorWire::override),
                request.driftShare(), request.task());
    }

    static MonitorInfo info(Monitor monitor) {
        ReferenceSpec reference = monitor.reference();
        return new MonitorInfo(monitor.id(), monitor.deployment(), new MonitorReferenceSpec(reference.dataset(),
                reference.datasetVersion(), reference.runId(), reference.artifactPath()),
                new MonitorWindowSpec(monitor.window().lastN(), monitor.window().spanSeconds()),
                new MonitorScheduleSpec(monitor.schedule().intervalSeconds(), monitor.schedule().cron()),
                mapValues(monitor.columnOverrides(), override -> new ColumnOverrideSpec(override.method(), override.threshold())),
                monitor.driftShare(), monitor.task() == null ? null : monitor.task().name(), instant(monitor.createdAt()));
    }

    static Monitor monitor(MonitorInfo info) {
        MonitorWindowSpec window = info.window();
        MonitorScheduleSpec schedule = info.schedule();
        return new Monitor(info.id(), info.deployment(), reference(info.reference()),
                new WindowSpec(window.lastN(), window.spanSeconds()),
                schedule == null ? MonitorSchedule.MANUAL : new MonitorSchedule(schedule.intervalSeconds(), schedule.cron()),
                info.columnOverrides() == null ? Map.of() : mapValues(info.columnOverrides(), MonitorWire::override),
                info.driftShare(), info.task() == null ? null : Task.valueOf(info.task()), Instant.parse(info.createdAt()));
    }

    static MonitorResultInfo info(MonitorResult result) {
        StoredDriftReport drift = result.drift();
        DriftSummary summary = drift == null ? null : new DriftSummary(drift.columns().stream()
                .map(column -> new ColumnDriftVerdict(column.column(), column.type(), column.method(), column.score(),
                        column.threshold(), column.drifted(), column.error())).toList(),
                drift.driftedColumns(), drift.driftShare(), drift.datasetDrift());
        return new MonitorResultInfo(result.id(), result.monitorId(), result.deployment(), instant(result.time()),
                result.referenceRows(), result.currentRows(), result.labelledRows(), summary, result.performance(),
                result.performanceByVersion());
    }

    static MonitorResult result(MonitorResultInfo info) {
        DriftSummary summary = info.drift();
        StoredDriftReport drift = summary == null ? null : new StoredDriftReport(summary.columns().stream()
                .map(column -> new StoredColumnDrift(column.column(), column.type(), column.method(), column.score(),
                        column.threshold(), column.drifted(), column.error())).toList(),
                summary.driftedColumns(), summary.driftShare(), summary.datasetDrift());
        return new MonitorResult(info.id(), info.monitorId(), info.deployment(), Instant.parse(info.time()),
                info.referenceRows(), info.currentRows(), info.labelledRows(), drift, info.performance(),
                info.performanceByVersion());
    }

    private static ReferenceSpec reference(MonitorReferenceSpec spec) {
        return new ReferenceSpec(spec.dataset(), spec.datasetVersion(), spec.runId(), spec.artifactPath());
    }

    private static ColumnOverride override(ColumnOverrideSpec spec) {
        return spec == null ? null : new ColumnOverride(spec.method(), spec.threshold());
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Keeps the keys' order and null values (a request may send {@code {"x": null}}). */
    private static <A, B> Map<String, B> mapValues(Map<String, A> map, Function<A, B> convert) {
        Map<String, B> converted = new LinkedHashMap<>();
        map.forEach((key, value) -> converted.put(key, value == null ? null : convert.apply(value)));
        return converted;
    }
}
