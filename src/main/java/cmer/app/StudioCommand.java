package cmer.app;

import cmer.core.CmerException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cmer studio}: opens the desktop window, or says clearly why it cannot. */
@Command(name = "studio", mixinStandardHelpOptions = true,
        description = "Open the CMER Studio window (Train, Explore, Runs, Benchmark).")
public final class StudioCommand implements Callable<Integer> {
    @Option(names = "--runs", paramLabel = "<dir>", defaultValue = "runs", description = "Folder of training runs to show (default: ${DEFAULT-VALUE}).")
    java.nio.file.Path runs;

    @Option(names = "--index", paramLabel = "<dir>", description = "Index to open in Explore (default: the sample data, indexed into the user cache on first start).")
    java.nio.file.Path index;

    @Override
    public Integer call() {
        if (!Displays.available()) throw noDisplay();
        StudioApp.launchBlocking(runs, index);
        return 0;
    }

    static CmerException noDisplay() {
        return new CmerException("no display: DISPLAY and WAYLAND_DISPLAY are unset, so the Studio window cannot open.\n"
                    + "  On a headless machine use the command line instead: ./cmer demo, ./cmer train, ./cmer search, ./cmer export\n"
                    + "  (./cmer --help lists them), and watch a run from a desktop by opening its run folder in the Studio.",
                CmerException.USAGE, null);
    }
}
