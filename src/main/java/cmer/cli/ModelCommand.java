package cmer.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cmer model ...}: commands on checkpoint files. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Look into and import model checkpoints.",
        subcommands = {ModelInspectCommand.class, ModelImportCommand.class})
final class ModelCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
