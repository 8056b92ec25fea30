package cmer.app;

import java.util.Map;

/** Whether a window can be shown: an X11 or Wayland display, or JavaFX's headless Monocle platform. */
final class Displays {
    private Displays() { }

    static boolean available() { return available(System.getenv(), System.getProperty("glass.platform")); }

    static boolean available(Map<String, String> env, String glassPlatform) {
        return "Monocle".equals(glassPlatform) || notBlank(env.get("DISPLAY")) || notBlank(env.get("WAYLAND_DISPLAY"));
    }

    private static boolean notBlank(String s) { return s != null && !s.isBlank(); }
}
