package cmer.cli;

import cmer.core.AppPaths;
import cmer.core.CmerConfig;
import cmer.core.Configs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every command shares (a picocli mixin). */
public final class CommonOptions {
    @Option(names = "--config", paramLabel = "<file>", description = "Settings file (JSON or YAML); default ~/.config/cmer-studio/config.yaml when present.")
    Path configFile;

    @Option(names = "--set", paramLabel = "<key=value>", description = "Override one setting, e.g. --set engine.threads=2 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--device", paramLabel = "<auto|cpu|gpu[N]>", description = "Compute device (default: engine.device, auto).")
    String device;

    @Option(names = "--threads", paramLabel = "<n>", description = "PyTorch intra-op threads (default: engine.threads; 0 = one per core).")
    Integer threads;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces and debug logging.")
    boolean verbose;

    @Option(names = "--json", description = "Machine-readable JSON output.")
    boolean json;

    /** The effective configuration: defaults, then the config file, then --set, then --device/--threads. */
    public CmerConfig config() {
        Path file = configFile;
        if (file == null) {
            Path user = AppPaths.fromEnvironment().configFile();
            if (Files.isRegularFile(user)) file = user;
        }
        CmerConfig c = Configs.load(CmerConfig.class, CmerConfig.DEFAULTS, file, overrides);
        CmerConfig.Engine e = new CmerConfig.Engine(device != null ? device : c.engine().device(),
                threads != null ? threads : c.engine().threads());
        return new CmerConfig(e, c.runs());
    }

    /** Sets the engine's thread count before PyTorch starts (it reads it once). */
    public CmerConfig applyEngineSettings() {
        CmerConfig c = config();
        if (c.engine().threads() > 0) System.setProperty("ai.djl.pytorch.num_threads", "" + c.engine().threads());
        return c;
    }
}
