package cmer.train;

import cmer.core.MetricEvent;
import cmer.core.MetricListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a run's metrics.jsonl by polling: each {@link #poll()} reads the bytes added since the last
 * one, parses every complete line and hands the events to the listener. Polling rather than a file-system
 * watch because a run on a GPU server is often watched from a desktop over a shared folder (NFS, SMB,
 * sshfs), where inotify sees nothing.
 *
 * <p>Tolerates: the file not existing yet; a half-written last line (left for the next poll); a file that
 * shrank (a resumed run rewound it: the listener gets {@code onReset} and everything again); malformed
 * complete lines (skipped, counted, logged once each). A rewrite is noticed by the file shrinking or
 * by its identity (inode) changing; a reader racing a rename may read the old file's lines once more
 * before the reset, which only repeats points. Not thread-safe for concurrent polls of one
 * instance; {@code poll} is synchronized for that reason.
 */
public final class RunWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(RunWatcher.class);
    private static final int CHUNK = 1 << 20;

    private final Path file;
    private final MetricListener listener;
    private long offset;          // bytes consumed: always just after a '\n'
    private Object fileKey;       // identity (device, inode) of the file read so far: a rename-over is a rewrite
    private long skipped;

    /** @param runDir the run folder (metrics.jsonl may not exist yet) */
    public RunWatcher(Path runDir, MetricListener listener) {
        this.file = runDir.resolve(RunFolder.METRICS);
        this.listener = listener;
    }

    /** Bytes of the file consumed so far. */
    public synchronized long offset() { return offset; }

    /** Complete lines that could not be parsed so far. */
    public synchronized long skippedLines() { return skipped; }

    /** Reads what was appended since the last poll; notifies the listener when there is anything; returns it. */
    public synchronized List<MetricEvent> poll() {
        List<MetricEvent> out = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            if (size < offset || (offset > 0 && key != null && !key.equals(fileKey))) {   // rewritten: start over
                offset = 0;
                listener.onReset();
            }
            fileKey = key;
            while (offset < size) {
                ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, size - offset));
                while (buf.hasRemaining() && ch.read(buf, offset + buf.position()) > 0) { }
                byte[] bytes = new byte[buf.position()];
                buf.flip().get(bytes);
                int lastNl = lastNewline(bytes);
                if (lastNl < 0) {
                    if (bytes.length == CHUNK) throw new IOException("a metrics line longer than " + CHUNK + " bytes at offset " + offset);
                    break;                               // only a partial line so far: wait for the rest
                }
                parseLines(new String(bytes, 0, lastNl + 1, StandardCharsets.UTF_8), out);
                offset += lastNl + 1;
            }
        } catch (NoSuchFileException e) {
            return out;                                  // the run has not written a metric yet
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}", file, e.getMessage());
        }
        if (!out.isEmpty()) listener.onMetrics(List.copyOf(out));
        return out;
    }

    private void parseLines(String text, List<MetricEvent> out) {
        for (String line : text.split("\n")) {
            if (line.isBlank()) continue;
            try {
                out.add(MetricLines.parse(line));
            } catch (IOException e) {
                skipped++;
                LOG.warn("{}: skipping a malformed metrics line ({}): {}", file, e.getMessage(), line.length() > 120 ? line.substring(0, 120) + "…" : line);
            }
        }
    }

    private static int lastNewline(byte[] b) {
        for (int i = b.length - 1; i >= 0; i--) if (b[i] == '\n') return i;
        return -1;
    }
}
