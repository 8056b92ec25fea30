package cmer.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cmer bench}: groups the benchmark commands; prints their list without a sub-command. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks that print measured numbers.",
        subcommands = {BenchSearchCommand.class})
final class BenchCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }
}
