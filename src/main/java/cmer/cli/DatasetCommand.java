package cmer.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cmer dataset}: groups the dataset sub-commands. */
@Command(name = "dataset", mixinStandardHelpOptions = true, description = "Look at caption datasets and image folders.",
        subcommands = {DatasetInspectCommand.class})
final class DatasetCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }
}
