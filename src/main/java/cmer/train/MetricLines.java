package cmer.train;

import cmer.core.MetricEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The metrics.jsonl line format: one compact JSON object per line (field list in docs/notes/train.md). */
final class MetricLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MetricLines() { }

    /** One line without the trailing newline. Non-finite numbers become null (JSON has no NaN); whole numbers print as integers. */
    static String format(MetricEvent e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", e.type().name().toLowerCase(Locale.ROOT)).put("step", e.step()).put("epoch", e.epoch());
        if (!e.split().isEmpty()) o.put("split", e.split());
        if (!e.device().isEmpty()) o.put("device", e.device());
        e.values().forEach((k, v) -> {
            if (!Double.isFinite(v)) o.putNull(k);
            else if (v == Math.rint(v) && Math.abs(v) < 9.0e15) o.put(k, (long) (double) v);
            else o.put(k, v);
        });
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);    // a tree of numbers and strings always serialises
        }
    }

    /** Parses one complete line; throws IOException when it is not a JSON object with type and step. */
    static MetricEvent parse(String line) throws IOException {
        JsonNode n = JSON.readTree(line);
        if (n == null || !n.isObject() || !n.path("type").isTextual() || !n.path("step").canConvertToLong()) {
            throw new IOException("not a metrics line (needs a JSON object with \"type\" and \"step\")");
        }
        MetricEvent.Type type = switch (n.get("type").asText()) {
            case "train" -> MetricEvent.Type.TRAIN;
            case "eval" -> MetricEvent.Type.EVAL;
            default -> MetricEvent.Type.OTHER;
        };
        Map<String, Double> values = new LinkedHashMap<>();
        n.fields().forEachRemaining(f -> {
            if (f.getValue().isNumber() && !f.getKey().equals("step") && !f.getKey().equals("epoch")) values.put(f.getKey(), f.getValue().asDouble());
            else if (f.getValue().isNull()) values.put(f.getKey(), Double.NaN);
        });
        return new MetricEvent(type, n.get("step").asLong(), n.path("epoch").asInt(0), n.path("split").asText(""),
                n.path("device").asText(""), values);
    }
}
