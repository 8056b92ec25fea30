package cmer.app;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javax.imageio.ImageIO;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Saves a {@code Scene.snapshot} PNG to {@code target/screenshots/}; with {@code -Dcmer.screenshots=assets}
 * also to {@code assets/screenshots/} (how the README's pictures are refreshed).
 */
final class Screenshots {
    private Screenshots() { }

    static Path save(Scene scene, String name) throws Exception {
        var image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get();
        Path out = Path.of("target/screenshots", name);
        Files.createDirectories(out.getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out.toFile());
        if ("assets".equals(System.getProperty("cmer.screenshots"))) {
            Path a = Path.of("assets/screenshots", name);
            Files.createDirectories(a.getParent());
            Files.copy(out, a, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return out;
    }
}
