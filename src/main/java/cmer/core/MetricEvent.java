package cmer.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of a run's {@code metrics.jsonl}: what the trainer writes and what the Studio plots. Numbers
 * live in {@link #values} under the field names of docs/notes/train.md ({@code l_batch}, {@code lr},
 * {@code r1_i2t}, …), so a reader of an older or newer run keeps working when fields come and go.
 *
 * @param type   train (one optimiser step), eval (one evaluation of a split) or other (unknown type word)
 * @param step   optimiser steps taken when the line was written
 * @param epoch  0-based epoch
 * @param split  eval lines: the split evaluated; train lines: empty
 * @param device train lines: the device really used; eval lines: empty
 * @param values the numeric fields
 */
public record MetricEvent(Type type, long step, int epoch, String split, String device, Map<String, Double> values) {
    /** Field names of train lines, in the order they are written. */
    public static final String[] TRAIN_FIELDS = {"l_batch", "l_queue", "total", "lr", "temperature", "step_ms", "pairs_per_s",
        "mem_bytes", "peak_bytes", "mem_above_idle_bytes", "peak_above_idle_bytes"};
    /** Field names of eval lines, in the order they are written. */
    public static final String[] EVAL_FIELDS = {"r1_i2t", "r5_i2t", "r10_i2t", "r1_t2i", "r5_t2i", "r10_t2i", "mr"};

    public enum Type { TRAIN, EVAL, OTHER }

    public MetricEvent {
        if (type == null) type = Type.OTHER;
        split = split == null ? "" : split;
        device = device == null ? "" : device;
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values == null ? Map.of() : values));
    }

    /** A field's value, NaN when the line does not have it. */
    public double value(String field) { return values.getOrDefault(field, Double.NaN); }

    /** A train line; {@code numbers} in the order of {@link #TRAIN_FIELDS}. */
    public static MetricEvent train(long step, int epoch, String device, double... numbers) {
        return new MetricEvent(Type.TRAIN, step, epoch, "", device, zip(TRAIN_FIELDS, numbers));
    }

    /** An eval line; {@code recalls} = the six recalls in % then mR, in the order of {@link #EVAL_FIELDS}. */
    public static MetricEvent eval(long step, int epoch, String split, double... recalls) {
        return new MetricEvent(Type.EVAL, step, epoch, split, "", zip(EVAL_FIELDS, recalls));
    }

    /** The start of a training loop (not written to metrics.jsonl): where it starts and how many steps it will take. */
    public static MetricEvent start(long step, long totalSteps, String device) {
        return new MetricEvent(Type.OTHER, step, 0, "start", device, Map.of("total_steps", (double) totalSteps));
    }

    /** True for {@link #start} events. */
    public boolean isStart() { return type == Type.OTHER && split.equals("start"); }

    private static Map<String, Double> zip(String[] names, double[] numbers) {
        if (numbers.length != names.length) throw new IllegalArgumentException("expected " + names.length + " numbers (" + String.join(", ", names) + "), got " + numbers.length);
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) m.put(names[i], numbers[i]);
        return m;
    }
}
