package cmer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StudioCommandTest {
    @Test
    void detectsDisplays() {
        assertFalse(Displays.available(Map.of(), null));
        assertFalse(Displays.available(Map.of("DISPLAY", " "), "gtk"));
        assertTrue(Displays.available(Map.of("DISPLAY", ":0"), null));
        assertTrue(Displays.available(Map.of("WAYLAND_DISPLAY", "wayland-0"), null));
        assertTrue(Displays.available(Map.of(), "Monocle"));
    }

    @Test
    void noDisplayMessagePointsToTheHeadlessCommands() {
        var e = StudioCommand.noDisplay();
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().startsWith("no display"), e.getMessage());
        assertTrue(e.getMessage().contains("./cmer demo"), e.getMessage());
    }
}
