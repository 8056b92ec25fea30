package cmer.train;

import cmer.core.CmerException;
import cmer.core.Configs;
import cmer.core.MetricEvent;
import cmer.eval.RetrievalMetrics;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One row of a method comparison, read back from a finished run folder (so runs made in separate processes,
 * each with its own memory high-water mark, compare fairly): test recalls from eval.json, trainable parameters
 * from train.log, median pairs/s and step time and the largest peak memory from metrics.jsonl. {@code test} is
 * null when the run has no test evaluation (e.g. a memory/speed run whose test split is its val split).
 */
public record RunSummary(String name, String method, RetrievalMetrics.Recalls test, long trainable, long total,
                         double pairsPerS, double stepMs, double peakBytes, double peakAboveIdleBytes, long steps) {
    private static final Pattern PARAMS = Pattern.compile("parameters: ([\\d,]+) trainable of ([\\d,]+)");

    public static RunSummary of(Path run) {
        try {
            JsonNode test = Configs.JSON.readTree(run.resolve(RunFolder.EVAL).toFile()).path("test");
            RetrievalMetrics.Recalls r = test.isMissingNode() ? null : new RetrievalMetrics.Recalls(test.path("r1_i2t").asDouble(), test.path("r5_i2t").asDouble(),
                    test.path("r10_i2t").asDouble(), test.path("r1_t2i").asDouble(), test.path("r5_t2i").asDouble(), test.path("r10_t2i").asDouble());
            long trainable = 0, total = 0;
            Matcher m = PARAMS.matcher(Files.readString(run.resolve(RunFolder.LOG), StandardCharsets.UTF_8));
            if (m.find()) {
                trainable = Long.parseLong(m.group(1).replace(",", ""));
                total = Long.parseLong(m.group(2).replace(",", ""));
            }
            List<Double> pps = new ArrayList<>(), ms = new ArrayList<>();
            double peak = Double.NaN, peakAbove = Double.NaN;
            long steps = 0;
            Path metrics = run.resolve(RunFolder.METRICS);
            if (Files.isRegularFile(metrics)) {
                for (String line : Files.readAllLines(metrics, StandardCharsets.UTF_8)) {
                    MetricEvent e = MetricLines.parse(line);
                    if (e.type() != MetricEvent.Type.TRAIN) continue;
                    pps.add(e.value("pairs_per_s"));
                    ms.add(e.value("step_ms"));
                    peak = Double.isNaN(peak) ? e.value("peak_bytes") : Math.max(peak, e.value("peak_bytes"));
                    peakAbove = Double.isNaN(peakAbove) ? e.value("peak_above_idle_bytes") : Math.max(peakAbove, e.value("peak_above_idle_bytes"));
                    steps = Math.max(steps, e.step());
                }
            }
            String method = Configs.JSON.readTree(run.resolve(RunFolder.CONFIG).toFile()).path("method").asText();
            return new RunSummary(run.getFileName().toString(), method, r, trainable, total, median(pps), median(ms), peak, peakAbove, steps);
        } catch (IOException e) {
            throw new CmerException(run + ": not a finished run folder: " + e.getMessage(), CmerException.BAD_INPUT, e);
        }
    }

    /** Median, robust to the first steps' warm-up and to other processes on a shared machine; NaN when empty. */
    static double median(List<Double> v) {
        if (v.isEmpty()) return Double.NaN;
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
