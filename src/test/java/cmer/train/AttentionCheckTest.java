package cmer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cmer.data.TargetBox;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttentionCheckTest {
    @Test
    void patchSharesFollowTheResizeAndCentreCrop() {
        // 192×192 shown at 96×96 on a 2×2 grid: each patch is a 96×96 quarter of the original.
        double[] s = AttentionCheck.insideShare(192, 192, 96, 2, List.of(new TargetBox("plane", "white", 0, 0, 96, 48)));
        assertArrayEquals(new double[] {0.5, 0, 0, 0}, s, 1e-12);
        // 384×192 shown at 96×96: scale 0.5, then the central 192×192 of the original is kept (x 96..288).
        s = AttentionCheck.insideShare(384, 192, 96, 2, List.of(new TargetBox("ship", "red", 0, 0, 96, 192),
                new TargetBox("ship", "red", 192, 96, 96, 96)));
        assertArrayEquals(new double[] {0, 0, 0, 1}, s, 1e-12);
        assertEquals(0.25, java.util.Arrays.stream(s).average().orElseThrow(), 1e-12);
    }
}
