package cmer.core;

import java.nio.file.Path;

/**
 * The settings every command shares. Loaded by {@link Configs#load} from defaults, the user's
 * {@code ~/.config/cmer-studio/config.yaml} (or {@code --config FILE}) and {@code --set key=value}.
 *
 * @param engine where and how tensors are computed
 * @param runs   folder that holds training runs (default {@code ./runs})
 */
public record CmerConfig(Engine engine, Path runs) {
    public static final CmerConfig DEFAULTS = new CmerConfig(Engine.DEFAULTS, Path.of("runs"));

    public CmerConfig {
        if (engine == null) engine = Engine.DEFAULTS;
        if (runs == null) runs = DEFAULTS.runs();
    }

    /**
     * @param device  {@code auto} (GPU when DJL finds one), {@code cpu} or {@code gpu}
     * @param threads intra-op threads for PyTorch; 0 = one per core
     */
    public record Engine(String device, int threads) {
        public static final Engine DEFAULTS = new Engine("auto", 0);

        public Engine {
            if (device == null) device = "auto";
            if (!device.equals("auto") && !device.equals("cpu") && !device.startsWith("gpu")) {
                throw new IllegalArgumentException("engine.device must be auto, cpu or gpu[N], not '" + device + "'");
            }
            if (threads < 0) throw new IllegalArgumentException("engine.threads must be >= 0, not " + threads);
        }
    }
}
