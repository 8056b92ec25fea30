package cmer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import cmer.core.CmerException;
import org.junit.jupiter.api.Test;

class NegativeQueueTest {
    /** Row r = (r+1) · e_0 + e_1, so rows are recognisable after normalisation by their ratio. */
    static float[] rows(int from, int n) {
        float[] x = new float[n * 2];
        for (int i = 0; i < n; i++) { x[i * 2] = from + i + 1; x[i * 2 + 1] = 1; }
        return x;
    }

    @Test
    void fifoOverwritesTheOldestAndKeepsIdsAligned() {
        NegativeQueue q = new NegativeQueue(4, 2);
        assertFalse(q.isFull());
        q.enqueue(rows(0, 3), new long[] {10, 11, 12});
        assertEquals(3, q.size());
        assertFalse(q.isFull());
        q.enqueue(rows(3, 3), new long[] {13, 14, 15});                 // overwrites ids 10, 11
        assertTrue(q.isFull());
        assertArrayEquals(new long[] {14, 15, 12, 13}, q.viewIds());
        try (NDManager m = NDManager.newBaseManager()) {
            float[] v = q.view(m).toFloatArray();
            for (int i = 0; i < 4; i++) {
                assertEquals(1, v[i * 2] * v[i * 2] + v[i * 2 + 1] * v[i * 2 + 1], 1e-6, "rows are L2-normalised");
                assertEquals(q.viewIds()[i] - 9, v[i * 2] / v[i * 2 + 1], 1e-4, "row matches its id");
            }
        }
    }

    @Test
    void aBatchLargerThanTheQueueKeepsItsLastRows() {
        NegativeQueue q = new NegativeQueue(2, 2);
        q.enqueue(rows(0, 5), new long[] {1, 2, 3, 4, 5});
        assertArrayEquals(new long[] {4, 5}, q.viewIds());
        NegativeQueue zero = new NegativeQueue(0, 2);
        zero.enqueue(rows(0, 2), new long[] {1, 2});
        assertEquals(0, zero.size());
        assertFalse(zero.isFull());
    }

    @Test
    void enqueueCopiesOutOfTheGraphAndStateRoundTrips() {
        NegativeQueue q = new NegativeQueue(5, 2);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray e = m.create(rows(0, 3), new Shape(3, 2));
            e.setRequiresGradient(true);
            q.enqueue(e, new long[] {7, 8, 9});
            e.muli(0);                                                   // later changes to the source do not reach the queue
            assertTrue(q.view(m).abs().sum().getFloat() > 0);
            assertFalse(q.view(m).hasGradient());
            NegativeQueue r = NegativeQueue.restore(q.state());
            assertArrayEquals(q.view(m).toFloatArray(), r.view(m).toFloatArray());
            q.enqueue(rows(5, 3), new long[] {1, 2, 3});
            r.enqueue(rows(5, 3), new long[] {1, 2, 3});
            assertArrayEquals(q.viewIds(), r.viewIds(), "the write position survives the round trip");
            assertThrows(CmerException.class, () -> q.enqueue(m.zeros(new Shape(2, 3)), new long[] {1, 2}));
        }
    }
}
