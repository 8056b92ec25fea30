package cmer.data;

import cmer.core.CmerException;
import cmer.core.FootprintReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * AMFMN "precomp" text files: {@code <split>_caps.txt} (one caption per line) and {@code <split>_filename.txt},
 * either one name per image (captions 5i..5i+4, AMFMN's train files) or one name per caption (test files).
 */
final class AmfmnReader {
    static final int CAPTIONS_PER_IMAGE = 5;

    private AmfmnReader() { }

    static boolean accepts(Path folder) {
        for (Split s : Split.values()) if (Files.isRegularFile(folder.resolve(s.id() + "_caps.txt"))) return true;
        return false;
    }

    static Dataset read(Path folder, Path imageRoot, FootprintReader footprints) {
        DatasetBuilder b = new DatasetBuilder(imageRoot, footprints);
        for (Split split : Split.values()) {
            Path caps = folder.resolve(split.id() + "_caps.txt"), names = folder.resolve(split.id() + "_filename.txt");
            if (!Files.isRegularFile(caps)) continue;
            if (!Files.isRegularFile(names)) throw new CmerException(caps + ": has no matching " + names.getFileName());
            readSplit(b, split, lines(caps), caps, lines(names), names);
        }
        return b.build(folder.getFileName().toString(), DatasetFormat.AMFMN_PRECOMP);
    }

    private static void readSplit(DatasetBuilder b, Split split, List<String> caps, Path capsFile, List<String> names, Path namesFile) {
        if (caps.size() == CAPTIONS_PER_IMAGE * names.size()) {           // one name per image
            for (int i = 0; i < names.size(); i++) {
                int first = CAPTIONS_PER_IMAGE * i;
                b.add(names.get(i).strip(), split, null, caps.subList(first, first + CAPTIONS_PER_IMAGE),
                        namesFile.getFileName() + ":" + (i + 1), k -> capsFile.getFileName() + ":" + (first + k + 1));
            }
        } else if (caps.size() == names.size()) {                          // one name per caption, runs of equal names
            int start = 0;
            for (int i = 1; i <= names.size(); i++) {
                if (i < names.size() && names.get(i).strip().equals(names.get(start).strip())) continue;
                int first = start;
                b.add(names.get(start).strip(), split, null, caps.subList(start, i), namesFile.getFileName() + ":" + (start + 1),
                        k -> capsFile.getFileName() + ":" + (first + k + 1));
                start = i;
            }
        } else {
            int line = Math.min(caps.size(), names.size()) + 1;
            throw new CmerException(capsFile + ": " + caps.size() + " caption lines do not match " + namesFile.getFileName() + "'s "
                    + names.size() + " names (expected " + CAPTIONS_PER_IMAGE * names.size() + ": " + CAPTIONS_PER_IMAGE
                    + " per name, or " + names.size() + ": one name per caption); the files part at line " + line);
        }
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CmerException(p + ": cannot read: " + e.getMessage(), CmerException.IO, e);
        }
    }
}
