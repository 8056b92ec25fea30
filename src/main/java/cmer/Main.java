package cmer;

import cmer.app.StudioCommand;
import cmer.cli.Cmer;
import picocli.CommandLine;

/**
 * The composition root: the command line of {@code cmer.cli} plus the {@code studio} command of
 * {@code cmer.app}. It is the one class that sees both, so that the CLI and the Studio never import each other.
 */
public final class Main {
    private Main() { }

    public static void main(String[] args) {
        CommandLine cl = Cmer.commandLine(new StudioCommand());
        System.exit(cl.execute(args));
    }
}
