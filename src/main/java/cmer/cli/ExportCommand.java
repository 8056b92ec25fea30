package cmer.cli;

import cmer.geo.export.ExportOptions;
import cmer.geo.export.ExportReport;
import cmer.search.Embedder;
import cmer.search.ResultExports;
import cmer.search.Searcher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Run a search and export the ranked result set for a GIS: Shapefile and GeoPackage of footprints, GeoTIFF of",
                "each image (optionally with its attention map), CSV and GeoJSON. Atomic; never overwrites without --force."})
final class ExportCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin QueryOptions q;
    @Option(names = "--index", required = true, paramLabel = "<index>", description = "Index folder from cmer index.") Path index;
    @Parameters(paramLabel = "<query>", description = "The sentence to search for.") String text;
    @Option(names = "--out", required = true, paramLabel = "<dir>", description = "Export folder (must not exist unless --force).") Path out;
    @Option(names = "--formats", split = ",", defaultValue = "shp,gpkg,tif,csv,geojson", description = "Any of shp, gpkg, tif, csv, geojson (default: ${DEFAULT-VALUE}).") List<String> formats;
    @Option(names = "--attention", description = "Add each hit's attention map: a float32 GeoTIFF aligned with the image (see --attention-map).") boolean attention;
    @Option(names = "--attention-band", description = "Put the attention map into the image GeoTIFF as an extra band instead of a separate file.") boolean band;
    @Option(names = "--native-crs", description = "Shapefile/GeoPackage in the images' own CRS instead of WGS84 (all hits must share one).") boolean nativeCrs;
    @Option(names = "--world-file", description = "Also write a .tfw world file beside each GeoTIFF.") boolean worldFile;
    @Option(names = "--force", description = "Replace an existing export folder.") boolean force;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String device = common.applyEngineSettings().engine().device();
        ExportOptions o = ExportOptions.defaults().withFormats(ResultExports.formats(formats)).withForce(force).withWorldFiles(worldFile)
                .withVectorCrs(nativeCrs ? ExportOptions.VectorCrs.NATIVE : ExportOptions.VectorCrs.WGS84)
                .withAttention(band ? ExportOptions.AttentionBand.EXTRA_BAND : ExportOptions.AttentionBand.SEPARATE);
        ExportReport r;
        try (Embedder e = Embedder.open(q.modelFor(index), device); Searcher s = Searcher.open(index, e)) {
            r = ResultExports.export(s, q.query(text), out, o, attention ? q.kind() : null);
        }
        PrintWriter w = spec.commandLine().getOut();
        w.print(r.text());
        w.flush();
        return 0;
    }
}
