package cmer.data;

import cmer.core.CmerException;
import cmer.core.FootprintReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A plain folder of images (an analyst's archive), read recursively in sorted path order. No captions. The
 * split is a {@code train/}, {@code val/} or {@code test/} folder on the way when there is one, else test
 * (an archive is something to search). Symbolic links are not followed.
 */
final class ImageFolderReader {
    static final Set<String> EXTENSIONS = Set.of("tif", "tiff", "jpg", "jpeg", "png");

    private ImageFolderReader() { }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1));
    }

    static List<Path> images(Path folder) {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).filter(ImageFolderReader::isImage).map(folder::relativize).sorted().toList();
        } catch (IOException e) {
            throw new CmerException(folder + ": cannot list: " + e.getMessage(), CmerException.IO, e);
        }
    }

    static Dataset read(Path folder, FootprintReader footprints) {
        DatasetBuilder b = new DatasetBuilder(folder, footprints);
        for (Path rel : images(folder)) {
            Split split = Split.TEST;
            for (Path part : rel) {
                var s = Split.parse(part.toString());
                if (s.isPresent()) { split = s.get(); break; }
            }
            String id = rel.toString().replace('\\', '/');
            b.add(id, split, null, List.of(), folder.getFileName() + "/" + id);
        }
        return b.build(folder.getFileName().toString(), DatasetFormat.IMAGE_FOLDER);
    }
}
