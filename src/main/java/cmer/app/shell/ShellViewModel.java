package cmer.app.shell;

import cmer.core.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** State of the main window: the runs folder it watches, the status line, and the About facts. */
public final class ShellViewModel {
    private final Path runsDir;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper();

    public ShellViewModel(Path runsDir) {
        this.runsDir = runsDir;
        status.set(Files.isDirectory(runsDir) ? "Runs folder: " + runsDir.toAbsolutePath()
                : "Runs folder " + runsDir.toAbsolutePath() + " does not exist yet; ./cmer train creates it.");
    }

    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }

    public Path runsDir() { return runsDir; }

    /** Name → version rows of the About box. */
    public Map<String, String> aboutRows() {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("CMER Studio", Version.tool());
        rows.put("Java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        rows.put("JavaFX", System.getProperty("javafx.runtime.version", Version.of("javafx")));
        rows.put("DJL", Version.of("djl"));
        rows.put("PyTorch", Version.of("pytorch") + " (native, bundled)");
        rows.put("Apache SIS", Version.of("sis"));
        rows.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        return rows;
    }
}
