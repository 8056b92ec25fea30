package cmer.geo.export;

import java.nio.file.Path;
import java.util.List;

/**
 * What an export wrote: the folder, its files (relative), warnings (e.g. texts cut to the DBF limit) and the
 * results without georeferencing, which are in the CSV but not in the formats that need geometry.
 */
public record ExportReport(Path target, List<String> files, List<String> warnings, List<String> notGeoreferenced) {
    public ExportReport {
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
        notGeoreferenced = List.copyOf(notGeoreferenced);
    }

    /** The report as text, also written to {@code export-report.txt} in the target folder. */
    public String text() {
        StringBuilder b = new StringBuilder("CMER Studio export: ").append(target).append('\n');
        b.append("files (").append(files.size()).append("):\n");
        files.forEach(f -> b.append("  ").append(f).append('\n'));
        b.append("warnings (").append(warnings.size()).append("):\n");
        warnings.forEach(w -> b.append("  ").append(w).append('\n'));
        b.append("results without georeferencing (").append(notGeoreferenced.size())
                .append("; in the CSV with a note, left out of Shapefile, GeoPackage, GeoJSON and GeoTIFF):\n");
        notGeoreferenced.forEach(n -> b.append("  ").append(n).append('\n'));
        return b.toString();
    }
}
