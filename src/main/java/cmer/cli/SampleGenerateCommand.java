package cmer.cli;

import cmer.core.AtomicFiles;
import cmer.data.ContactSheet;
import cmer.data.Dataset;
import cmer.data.Datasets;
import cmer.data.TargetBoxes;
import cmer.data.sample.SampleGenerator;
import cmer.data.sample.SampleSpec;
import cmer.geo.GeoReferencing;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Draw the synthetic aerial sample dataset: 18 RSITMD-named scene classes, 5 captions per image, small",
                "targets with ground-truth boxes (targets.json), JPEG + world file + .prj (UTM 32N/33N, WGS84), Karpathy JSON.",
                "The same seed gives the same bytes."})
final class SampleGenerateCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "sample-data", description = "Output folder (default: ${DEFAULT-VALUE}).") Path out;
    @Option(names = "--seed", defaultValue = "7", description = "Random seed (default: ${DEFAULT-VALUE}).") long seed;
    @Option(names = "--train", defaultValue = "600", description = "Train images (default: ${DEFAULT-VALUE}).") int train;
    @Option(names = "--val", defaultValue = "100", description = "Validation images (default: ${DEFAULT-VALUE}).") int val;
    @Option(names = "--test", defaultValue = "150", description = "Test images (default: ${DEFAULT-VALUE}).") int test;
    @Option(names = "--size", defaultValue = "192", description = "Image side in pixels (default: ${DEFAULT-VALUE}).") int size;
    @Option(names = "--contact-sheet", paramLabel = "<png>", description = "Also write a contact sheet (images, first captions, target boxes).")
    Path sheet;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        SampleSpec s = new SampleSpec(seed, train, val, test, size);
        SampleGenerator.Summary sum = SampleGenerator.generate(s, out, Integer.MAX_VALUE);
        PrintWriter o = spec.commandLine().getOut();
        o.printf("Wrote %d images (%d/%d/%d), %d targets, %d georeferenced, %.1f MB of JPEG to %s in %.1f s%n", sum.images(), train, val, test,
                sum.targets(), sum.georeferenced(), sum.jpegBytes() / 1e6, out, (System.nanoTime() - t0) / 1e9);
        if (sheet != null) {
            Dataset d = Datasets.open(out, new GeoReferencing());
            var png = ContactSheet.render(d, 6, 24, 192, TargetBoxes.read(out.resolve(TargetBoxes.FILE)));
            AtomicFiles.write(sheet, os -> ImageIO.write(png, "png", os));
            o.println("Contact sheet: " + sheet);
        }
        o.flush();
        return 0;
    }
}
