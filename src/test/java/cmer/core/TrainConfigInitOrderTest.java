package cmer.core;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** Touching TrainConfig.Side before TrainConfig (as the side-network code does) must not leave DEFAULTS.cmer.side null. */
class TrainConfigInitOrderTest {
    @Test
    void defaultsAreCompleteWhicheverClassInitialisesFirst() throws Exception {
        URL classes = TrainConfig.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader fresh = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            Class<?> side = Class.forName("cmer.core.TrainConfig$Side", true, fresh);      // Side first
            assertNotNull(side.getField("DEFAULTS").get(null));
            Object defaults = Class.forName("cmer.core.TrainConfig", true, fresh).getField("DEFAULTS").get(null);
            Object cmer = defaults.getClass().getMethod("cmer").invoke(defaults);
            assertNotNull(cmer.getClass().getMethod("side").invoke(cmer), "TrainConfig.DEFAULTS.cmer().side()");
        }
    }
}
