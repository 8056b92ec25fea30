package cmer.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cmer.core.CmerException;
import org.junit.jupiter.api.Test;

class ConfigTest {

    @Test
    void shippedConfigsLoad() {
        ClipConfig b32 = ClipConfig.named("vit-b-32");
        assertEquals(50, b32.vision().tokens());
        assertEquals(77, b32.contextLength());
        assertEquals(Activation.QUICK_GELU, b32.text().activation());
        assertEquals(4096, ClipConfig.named("tiny").text().vocabSize());
        assertEquals(0, ClipConfig.named("tiny-bert").bert().padTokenId());
    }

    @Test
    void badConfigsSayWhatIsWrong() {
        var e = assertThrows(IllegalArgumentException.class, () -> new VisionConfig(100, 32, 768, 12, 64, 3072, Activation.GELU));
        assertEquals("vision.imageSize 100 is not a multiple of vision.patchSize 32", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TextConfig(77, 1000, 500, 2, 64, 2000, Activation.GELU, -1));
        assertEquals("text.width 500 is not a multiple of text.headWidth 64", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TextConfig(77, 1000, 512, 2, 64, 2000, Activation.GELU, 1000));
        assertTrue(e.getMessage().contains("eotTokenId 1000"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BertConfig(100, 16, 2, 64, 2, 64, 256, 0, 32));
        assertTrue(e.getMessage().contains("contextLength 32 must be in 1..16"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Activation.of("relu"));
        assertTrue(e.getMessage().contains("expected quick_gelu or gelu"));
        var c = assertThrows(CmerException.class, () -> ClipConfig.named("vit-h-14"));
        assertTrue(c.getMessage().contains("no model configuration 'vit-h-14'"), c.getMessage());
    }
}
