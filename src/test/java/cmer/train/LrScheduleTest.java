package cmer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LrScheduleTest {
    final LrSchedule s = new LrSchedule(1e-3, 10, 110, 1e-5);

    @Test
    void warmupIsLinearAndNeverZero() {
        assertEquals(1e-3 / 11, s.lr(0), 1e-15);
        assertEquals(1e-3 * 5 / 11, s.lr(4), 1e-15);
        for (int i = 1; i < 10; i++) assertTrue(s.lr(i) > s.lr(i - 1));
    }

    @Test
    void cosineFromPeakToFloor() {
        assertEquals(1e-3, s.lr(10), 1e-15);                                    // end of warm-up: the peak
        assertEquals(1e-5 + (1e-3 - 1e-5) / 2, s.lr(60), 1e-15);               // half-way: the midpoint
        assertEquals(1e-5 + (1e-3 - 1e-5) * 0.5 * (1 + Math.cos(Math.PI * 0.25)), s.lr(35), 1e-15);
        for (int i = 11; i < 110; i++) assertTrue(s.lr(i) < s.lr(i - 1), "decreasing at " + i);
        assertEquals(1e-5, s.lr(110), 0);
        assertEquals(1e-5, s.lr(10_000), 0);
    }

    @Test
    void noWarmupStartsAtThePeak() {
        LrSchedule z = new LrSchedule(2e-4, 0, 50, 0);
        assertEquals(2e-4, z.lr(0), 0);
        assertEquals(0, z.lr(50), 0);
    }
}
