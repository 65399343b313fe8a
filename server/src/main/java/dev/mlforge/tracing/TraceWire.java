package dev.mlforge.tracing;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mlforge.api.tracing.Assessment;
import dev.mlforge.api.tracing.Trace;
import dev.mlforge.api.tracing.TraceInfoV3;
import dev.mlforge.api.tracing.TraceLocation;
import dev.mlforge.http.Json;
import java.util.List;

/** Stored traces to MLflow 3's wire records. */
final class TraceWire {
    private TraceWire() {}

    static TraceInfoV3 info(TraceInfoEntity entity) {
        return new TraceInfoV3(entity.traceId(), entity.clientRequestId(), TraceLocation.experiment(entity.experimentId()),
                TraceTimes.timestamp(entity.requestTime()),
                entity.executionDuration() == null ? null : TraceTimes.duration(entity.executionDuration()),
                entity.state(), entity.metadata(), entity.assessments().stream().map(TraceWire::assessment).toList(),
                entity.tags(), entity.requestPreview(), entity.responsePreview());
    }

    static Trace trace(TraceInfoEntity entity, List<byte[]> spans) {
        return new Trace(info(entity), spans == null ? null : SpanJson.array(spans));
    }

    static Assessment assessment(String json) {
        try {
            return Json.mapper().readValue(json, Assessment.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored assessment does not parse", e);
        }
    }

    static String json(Assessment assessment) {
        try {
            return Json.mapper().writeValueAsString(assessment);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
