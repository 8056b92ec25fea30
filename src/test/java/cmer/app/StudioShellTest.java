package cmer.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cmer.app.shell.ShellView;
import cmer.app.shell.ShellViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/** Opens the Studio shell headless (Monocle), checks the tabs and the About box, and saves a screenshot. */
class StudioShellTest extends ApplicationTest {
    private ShellView view;

    @Override
    public void start(Stage stage) {
        view = new ShellView(new ShellViewModel(Path.of("target/no-such-runs")));
        stage.setScene(StudioApp.scene(view));
        stage.show();
    }

    @Test
    void showsTheFourWorkTabs() throws Exception {
        List<String> names = view.tabs().getTabs().stream().map(Tab::getText).toList();
        assertEquals(List.of("Train", "Explore", "Runs", "Benchmark"), names);
        clickOn("Explore");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("tab-explore", view.tabs().getSelectionModel().getSelectedItem().getId());
        Label status = lookup("#status").queryAs(Label.class);
        assertTrue(status.getText().contains("does not exist yet"), status.getText());
        Screenshots.save(view.getScene(), "studio-shell.png");
    }

    @Test
    void aboutBoxListsVersions() {
        clickOn("#about");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(lookup("PyTorch").tryQuery().isPresent(), "About box lists PyTorch");
        assertTrue(lookup("2.5.1 (native, bundled)").tryQuery().isPresent(), "About box shows the PyTorch version");
        clickOn("Close");
    }
}
