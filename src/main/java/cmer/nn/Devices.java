package cmer.nn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import cmer.core.CmerException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Turns the user's {@code --device} word into a DJL device, saying so when it falls back. */
public final class Devices {
    private Devices() { }

    public static Device resolve(String requested) { return resolve(requested, Engine.getEngine("PyTorch"), new java.util.ArrayList<>()); }

    static Device resolve(String requested, Engine engine, List<String> notes) {
        String r = requested == null ? "auto" : requested.strip().toLowerCase(java.util.Locale.ROOT);
        int gpus = engine.getGpuCount();
        switch (r) {
            case "cpu": return Device.cpu();
            case "auto":
                if (gpus == 0 && CudaUtils.hasCuda()) {
                    notes.add("CUDA is visible but this build has only the CPU native library (build with -Pgpu)");
                }
                return gpus > 0 ? Device.gpu(0) : Device.cpu();
            default:
                if (!r.startsWith("gpu")) throw new CmerException("--device " + requested + ": expected auto, cpu, gpu or gpuN", CmerException.USAGE, null);
                int id = r.length() == 3 ? 0 : Integer.parseInt(r.substring(3));
                if (id >= gpus) {
                    throw new CmerException("--device " + requested + ": PyTorch sees " + gpus + " GPU(s)"
                            + (CudaUtils.hasCuda() ? " (CUDA is present: build with mvn -Pgpu for the CUDA native library)" : " (no CUDA driver found)"),
                            CmerException.ENGINE, null);
                }
                return Device.gpu(id);
        }
    }

    /** The GPU's marketing name from nvidia-smi, or "unknown" (DJL does not expose it). */
    static String gpuName(int id) {
        try {
            Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=name", "--format=csv,noheader", "-i", "" + id)
                    .redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line = r.readLine();
                p.waitFor(5, TimeUnit.SECONDS);
                return line == null ? "unknown" : line.strip();
            }
        } catch (java.io.IOException | InterruptedException e) {
            return "unknown";
        }
    }
}
