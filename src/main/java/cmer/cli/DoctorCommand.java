package cmer.cli;

import cmer.core.AppPaths;
import cmer.core.CmerConfig;
import cmer.core.Configs;
import cmer.core.Version;
import cmer.geo.GdalTools;
import cmer.nn.EngineInfo;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Start the engine and print what this machine really uses: Java, PyTorch, device, threads,",
                "DJL cache, where the native library came from, GDAL. Exits non-zero when the engine cannot start."})
final class DoctorCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CmerConfig cfg = common.applyEngineSettings();
        EngineInfo e = EngineInfo.probe(cfg.engine().device());
        AppPaths paths = AppPaths.fromEnvironment();
        Map<String, Object> rows = new LinkedHashMap<>();
        rows.put("CMER Studio", Version.tool());
        rows.put("Java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", " + System.getProperty("java.home") + ")");
        rows.put("Engine", e.engine() + " " + e.pytorchVersion() + " via DJL " + Version.of("djl"));
        rows.put("Device", e.device() + " - " + e.deviceDescription());
        rows.put("Threads", "intra-op " + threads(e.intraOpThreads()) + ", inter-op " + threads(e.interOpThreads())
                + ", OMP_WAIT_POLICY=" + e.ompWaitPolicy());
        rows.put("Offline", e.offline() ? "yes (ai.djl.offline=true: no downloads, no telemetry)" : "NO - start through ./cmer");
        rows.put("DJL cache", e.cacheDir() + " (" + mib(e.cacheBytes()) + ")");
        rows.put("Native lib", e.libtorch() + (e.bundledNative() ? " (unpacked from the bundled pytorch-native jar)" : " (NOT from the bundled jar)"));
        rows.put("GDAL", GdalTools.version().orElse("not found (apt-get install gdal-bin; needed only to check exports)"));
        rows.put("Config", Files.isRegularFile(paths.configFile()) ? paths.configFile() : paths.configFile() + " (not present; defaults)");
        rows.put("Cache", paths.cache());
        rows.put("Runs", cfg.runs().toAbsolutePath());
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            rows.put("notes", e.notes());
            out.println(Configs.JSON.writeValueAsString(rows));
        } else {
            rows.forEach((k, v) -> out.printf("%-12s %s%n", k, v));
            e.notes().forEach(n -> out.println("note: " + n));
        }
        out.flush();
        return 0;
    }

    private static String threads(int n) { return n < 0 ? "PyTorch default (" + Runtime.getRuntime().availableProcessors() + " cores)" : "" + n; }

    private static String mib(long bytes) { return bytes < 0 ? "size unknown" : String.format("%.0f MiB", bytes / 1048576.0); }
}
