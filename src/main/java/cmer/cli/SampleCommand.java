package cmer.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cmer sample}: groups the sample-data sub-commands. */
@Command(name = "sample", mixinStandardHelpOptions = true, description = "Make the synthetic sample dataset shipped in sample-data/.",
        subcommands = {SampleGenerateCommand.class})
final class SampleCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }
}
