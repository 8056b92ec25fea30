package cmer.cli;

import cmer.core.Configs;
import cmer.data.Dataset;
import cmer.data.DatasetReport;
import cmer.data.Datasets;
import cmer.geo.GeoReferencing;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Read a dataset (AMFMN precomp folder, HarMA/Karpathy/COCO JSON, or a folder of images) and print",
                "counts per split, captions per image, the scene histogram, blank/duplicate captions, missing image files",
                "and images without georeferencing. Problems that training skips are warnings, not errors."})
final class DatasetInspectCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", description = "Dataset folder or file.") Path path;
    @Option(names = "--json", description = "Machine-readable JSON output.") boolean json;
    @Option(names = {"-v", "--verbose"}, description = "Show stack traces.") boolean verbose;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Dataset d = Datasets.open(path, new GeoReferencing());
        DatasetReport r = DatasetReport.of(d);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? Configs.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r) + System.lineSeparator() : r.text());
        out.flush();
        return 0;
    }
}
