package cmer.cli;

import cmer.core.CmerException;
import cmer.core.Version;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code cmer} command: prints usage without a sub-command. */
@Command(name = "cmer", mixinStandardHelpOptions = true, versionProvider = Cmer.Versions.class,
        description = "CMER Studio: train and use remote-sensing text-image retrieval models.",
        subcommands = {DoctorCommand.class, DatasetCommand.class, SampleCommand.class, BenchCommand.class, ModelCommand.class, TrainCommand.class, EvalCommand.class, PretrainCommand.class, DemoCommand.class, IndexCommand.class, SearchCommand.class, ExportCommand.class, CommandLine.HelpCommand.class})
public final class Cmer implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

    /** Builds the command line with the shared error handler; {@code cmer.Main} passes the Studio command in. */
    public static CommandLine commandLine(Object... extraSubcommands) {
        CommandLine cl = new CommandLine(new Cmer());
        for (Object sub : extraSubcommands) cl.addSubcommand(sub);
        cl.setExecutionExceptionHandler(Cmer::handle);
        return cl;
    }

    /** Turns an exception into one line on stderr and an exit code; the stack trace only with -v. */
    static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean verbose = parsed.hasMatchedOption("-v") || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("-v"));
        Throwable t = e;
        while (!(t instanceof CmerException) && t.getCause() != null && t.getCause() != t) t = t.getCause();
        if (t instanceof CmerException ce) {
            err.println("cmer " + cl.getCommandName() + ": " + ce.getMessage());
            if (verbose) ce.printStackTrace(err);
            err.flush();
            return ce.exitCode();
        }
        err.println("cmer " + cl.getCommandName() + ": internal error: " + e + (verbose ? "" : " (run again with -v for details)"));
        if (verbose) e.printStackTrace(err);
        err.flush();
        return 1;
    }

    /** {@code cmer --version}. */
    static final class Versions implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"CMER Studio " + Version.tool(), "DJL " + Version.of("djl") + ", PyTorch " + Version.of("pytorch")
                    + ", JavaFX " + Version.of("javafx") + ", Apache SIS " + Version.of("sis")};
        }
    }
}
