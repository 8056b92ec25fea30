package cmer.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cmer.core.TrainConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenePromptsTest {
    final ScenePrompts sp = new ScenePrompts(TrainConfig.Scene.DEFAULTS);

    @Test
    void aboutHalfTheCaptionsAreAugmentedDeterministically() {
        int augmented = 0;
        for (int id = 0; id < 2000; id++) {
            String a = sp.augment("two planes near the terminal", "airport", 42, 0, id);
            assertEquals(a, sp.augment("two planes near the terminal", "airport", 42, 0, id), "same inputs, same result");
            if (!a.equals("two planes near the terminal")) {
                assertEquals("airport scene: two planes near the terminal", a);
                augmented++;
            }
        }
        assertTrue(augmented > 900 && augmented < 1100, "p = 0.5 gave " + augmented + " of 2000");
        int changed = 0;
        for (int id = 0; id < 200; id++) {
            if (!sp.augment("x", "port", 42, 0, id).equals(sp.augment("x", "port", 42, 1, id))) changed++;
        }
        assertTrue(changed > 50, "a new coin every epoch");
    }

    @Test
    void unknownScenesAndSwitchedOffAugmentationLeaveCaptionsAlone() {
        for (int id = 0; id < 50; id++) {
            assertEquals("a ship", sp.augment("a ship", null, 1, 0, id));
            assertEquals("a ship", sp.augment("a ship", " ", 1, 0, id));
            assertEquals("a ship", sp.augment("a ship", "00921", 1, 0, id), "RSICD's numeric names carry no scene");
        }
        TrainConfig.Scene off = new TrainConfig.Scene(false, 1.0, "{scene} scene: {caption}", List.of(), 0, 0);
        TrainConfig.Scene always = new TrainConfig.Scene(true, 1.0, "[{scene}] {caption} ({scene})", List.of(), 0, 0);
        assertEquals("a ship", new ScenePrompts(off).augment("a ship", "port", 1, 0, 3));
        assertEquals("[dense residential] 100% {scene} roofs (dense residential)",
                new ScenePrompts(always).augment("100% {scene} roofs", "Dense_Residential", 1, 0, 3), "caption text is never templated");
    }

    @Test
    void scenePromptsPerTemplate() {
        assertEquals(List.of("an aerial photo of a baseball field.", "a satellite image of a baseball field.",
                "a remote sensing image of a baseball field."), sp.prompts("baseball_field"));
    }
}
