package cmer.app;

/** Whether a window can be shown: an X11 or Wayland display, or JavaFX's headless Monocle platform. */
final class Displays {
    private Displays() { }

    static boolean available() {
        return "Monocle".equals(System.getProperty("glass.platform"))
                || notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
    }

    private static boolean notBlank(String s) { return s != null && !s.isBlank(); }
}
