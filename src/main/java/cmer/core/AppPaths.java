package cmer.core;

import java.nio.file.Path;
import java.util.Map;

/**
 * User folders after the XDG base-directory convention: {@code $XDG_CONFIG_HOME/cmer-studio}
 * (default {@code ~/.config/cmer-studio}) and {@code $XDG_CACHE_HOME/cmer-studio} (default {@code ~/.cache/cmer-studio}).
 */
public record AppPaths(Path config, Path cache) {
    public static final String APP = "cmer-studio";

    public static AppPaths fromEnvironment() { return from(System.getenv(), System.getProperty("user.home")); }

    static AppPaths from(Map<String, String> env, String home) {
        return new AppPaths(base(env.get("XDG_CONFIG_HOME"), home, ".config").resolve(APP),
                base(env.get("XDG_CACHE_HOME"), home, ".cache").resolve(APP));
    }

    private static Path base(String xdg, String home, String fallback) {
        // the spec says relative XDG paths are invalid and must be ignored
        return xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(home, fallback);
    }

    /** The user's default config file, read when present. */
    public Path configFile() { return config.resolve("config.yaml"); }

    /** DJL's native-library unpack cache (the launcher points {@code DJL_CACHE_DIR} here). */
    public Path djlCache() { return cache.resolve("djl"); }
}
