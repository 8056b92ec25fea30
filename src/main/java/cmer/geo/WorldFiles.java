package cmer.geo;

import cmer.core.CmerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * ESRI world files: six lines A, D, B, E, C, F where (C, F) is the CENTRE of the top-left pixel. Six numbers
 * and a half-pixel shift: simpler to read here than through SIS's WorldFileStore, which would also decode pixels.
 */
final class WorldFiles {
    private WorldFiles() { }

    /** Candidate sidecar extensions: GDAL's short form (.jgw, .pgw, .tfw, .tgw), the long form (.jpgw), .wld. */
    static List<String> extensions(Path image) {
        String n = image.getFileName().toString();
        int dot = n.lastIndexOf('.');
        String ext = dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        if (ext.length() >= 2) out.add("" + ext.charAt(0) + ext.charAt(ext.length() - 1) + "w");
        if (ext.startsWith("tif")) out.add("tgw");
        if (!ext.isEmpty()) out.add(ext + "w");
        out.add("wld");
        return out;
    }

    static Optional<Path> find(Path image) {
        for (String e : extensions(image)) {
            for (String c : new String[] {e, e.toUpperCase(Locale.ROOT)}) {
                Path p = sibling(image, c);
                if (Files.isRegularFile(p)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    static Path sibling(Path image, String ext) {
        String n = image.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return image.resolveSibling((dot < 0 ? n : n.substring(0, dot)) + "." + ext);
    }

    /** The GDAL geotransform (pixel-corner origin) of a world file; errors name file and line. */
    static double[] readGeoTransform(Path wf) throws IOException {
        List<String> lines = Files.readAllLines(wf, StandardCharsets.US_ASCII).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (lines.size() < 6) throw new CmerException(wf + ":" + (lines.size() + 1) + ": a world file needs 6 numbers, found " + lines.size());
        double[] v = new double[6];
        for (int i = 0; i < 6; i++) {
            try {
                v[i] = Double.parseDouble(lines.get(i));
            } catch (NumberFormatException e) {
                throw new CmerException(wf + ":" + (i + 1) + ": not a number: '" + lines.get(i) + "'", e);
            }
        }
        double a = v[0], d = v[1], b = v[2], e = v[3], c = v[4], f = v[5];
        return new double[] {c - a / 2 - b / 2, a, b, f - d / 2 - e / 2, d, e};
    }
}
