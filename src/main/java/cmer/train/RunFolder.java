package cmer.train;

import cmer.core.AtomicFiles;
import cmer.core.CmerException;
import cmer.core.Configs;
import cmer.core.MetricEvent;
import cmer.core.TrainConfig;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A training run on disk: the only contract between trainer and Studio (STYLE.md rule 7).
 * <pre>
 * config.json                 the TrainConfig (indented JSON)
 * metrics.jsonl               one JSON object per line, appended and flushed one whole line at a time
 * checkpoints/last.safetensors the latest checkpoint   (temp + rename)
 * checkpoints/best.safetensors the best by validation mR (temp + rename; written only when mR improves)
 * eval.json                   final evaluation per split (temp + rename)
 * train.log                   human-readable log, appended
 * </pre>
 * One writer per folder (the trainer); any number of readers ({@link RunWatcher}).
 */
public final class RunFolder {
    public static final String CONFIG = "config.json", METRICS = "metrics.jsonl", EVAL = "eval.json", LOG = "train.log",
            CHECKPOINTS = "checkpoints", LAST = "last.safetensors", BEST = "best.safetensors";

    private final Path dir;
    private final TrainConfig config;
    private double bestMr;                       // best validation mR saved in best.safetensors so far

    private RunFolder(Path dir, TrainConfig config, double bestMr) {
        this.dir = dir;
        this.config = config;
        this.bestMr = bestMr;
    }

    /** Starts a new run: the folder must not exist or be empty; writes config.json. */
    public static RunFolder create(Path dir, TrainConfig config) {
        try {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    if (s.findAny().isPresent()) {
                        throw new CmerException("run folder " + dir + " is not empty: continue it with --resume " + dir + ", or choose a new folder", CmerException.USAGE, null);
                    }
                }
            } else if (Files.exists(dir)) {
                throw new CmerException("run folder " + dir + " exists and is not a folder", CmerException.USAGE, null);
            }
            Files.createDirectories(dir.resolve(CHECKPOINTS));
            Configs.writeJson(dir.resolve(CONFIG), config);
            return new RunFolder(dir, config, Double.NEGATIVE_INFINITY);
        } catch (IOException e) {
            throw new CmerException("cannot create run folder " + dir + ": " + e.getMessage(), CmerException.IO, e);
        }
    }

    /**
     * Opens an existing run to continue it: reads config.json, removes temp files of an interrupted
     * checkpoint write, cuts a half-written last metrics line (the writer died mid-line), and reads the
     * best mR so far from best.safetensors.
     */
    public static RunFolder open(Path dir) {
        Path cfg = dir.resolve(CONFIG);
        if (!Files.isRegularFile(cfg)) throw new CmerException(dir + " is not a run folder (no " + CONFIG + ")", CmerException.USAGE, null);
        TrainConfig config = Configs.load(TrainConfig.class, TrainConfig.DEFAULTS, cfg, List.of());
        try {
            Files.createDirectories(dir.resolve(CHECKPOINTS));
            try (Stream<Path> s = Files.list(dir.resolve(CHECKPOINTS))) {
                for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) Files.deleteIfExists(p);
            }
            cutPartialLastLine(dir.resolve(METRICS));
        } catch (IOException e) {
            throw new CmerException("cannot open run folder " + dir + ": " + e.getMessage(), CmerException.IO, e);
        }
        Path best = dir.resolve(CHECKPOINTS).resolve(BEST);
        return new RunFolder(dir, config, Files.isRegularFile(best) ? Checkpoint.read(best).bestMr() : Double.NEGATIVE_INFINITY);
    }

    public Path dir() { return dir; }

    public TrainConfig config() { return config; }

    public Path metricsFile() { return dir.resolve(METRICS); }

    public Path lastCheckpoint() { return dir.resolve(CHECKPOINTS).resolve(LAST); }

    public Path bestCheckpoint() { return dir.resolve(CHECKPOINTS).resolve(BEST); }

    /** Best validation mR saved so far (−∞ before the first). */
    public double bestMr() { return bestMr; }

    /** Appends one metrics line with a single write call, so a reader sees a whole line or nothing of it. */
    public synchronized void append(MetricEvent e) {
        appendLine(metricsFile(), MetricLines.format(e));
    }

    /** Appends a timestamped line to train.log. */
    public synchronized void log(String message) {
        appendLine(dir.resolve(LOG), Instant.now() + " " + message);
    }

    /**
     * Saves {@code last} and, when {@code valMr} beats every earlier value, {@code best}: "best" is the
     * highest validation mR ever seen, never merely the latest. The checkpoint's own bestMr should already
     * include {@code valMr} (the trainer updates it before snapshotting).
     *
     * @param valMr this evaluation's validation mR, or NaN when the checkpoint follows no evaluation
     * @return whether best was written
     */
    public boolean saveCheckpoint(Checkpoint c, double valMr) {
        try {
            c.write(lastCheckpoint());
            if (Double.isNaN(valMr) || valMr <= bestMr) return false;
            c.write(bestCheckpoint());
            bestMr = valMr;
            return true;
        } catch (IOException e) {
            throw new CmerException("cannot write checkpoint in " + dir.resolve(CHECKPOINTS) + ": " + e.getMessage(), CmerException.IO, e);
        }
    }

    /** Writes eval.json: one object per evaluated split (the six recalls and mR), plus step and source checkpoint. */
    public void writeEval(List<MetricEvent> evals, String checkpoint) {
        ObjectNode root = Configs.JSON.createObjectNode();
        root.put("checkpoint", checkpoint);
        for (MetricEvent e : evals) {
            ObjectNode s = root.putObject(e.split());
            s.put("step", e.step()).put("epoch", e.epoch());
            e.values().forEach(s::put);
        }
        try {
            AtomicFiles.write(dir.resolve(EVAL), out -> Configs.JSON.writeValue(out, root));
        } catch (IOException e) {
            throw new CmerException("cannot write " + dir.resolve(EVAL) + ": " + e.getMessage(), CmerException.IO, e);
        }
    }

    /**
     * On resume: drops metrics lines past the checkpoint's step (those steps are run again), atomically.
     * A watching Studio sees the file shrink and re-reads it ({@link cmer.core.MetricListener#onReset}).
     */
    public synchronized void rewindMetrics(long step) {
        Path f = metricsFile();
        if (!Files.isRegularFile(f)) return;
        try {
            List<String> keep = new ArrayList<>();
            boolean dropped = false;
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                try {
                    if (MetricLines.parse(line).step() > step) { dropped = true; continue; }
                } catch (IOException bad) {
                    dropped = true;              // an unreadable line is not worth keeping
                    continue;
                }
                keep.add(line);
            }
            if (dropped) AtomicFiles.writeString(f, keep.isEmpty() ? "" : String.join("\n", keep) + "\n");
        } catch (IOException e) {
            throw new CmerException("cannot rewrite " + f + ": " + e.getMessage(), CmerException.IO, e);
        }
    }

    private static void appendLine(Path file, String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) ch.write(b);   // one write(2) for any line shorter than the pipe/page limits
        } catch (IOException e) {
            throw new CmerException("cannot append to " + file + ": " + e.getMessage(), CmerException.IO, e);
        }
    }

    private static void cutPartialLastLine(Path f) throws IOException {
        if (!Files.isRegularFile(f)) return;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size(), pos = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (pos > 0) {
                one.clear();
                ch.read(one, pos - 1);
                if (one.get(0) == '\n') break;
                pos--;
            }
            if (pos < size) ch.truncate(pos);
        }
    }
}
