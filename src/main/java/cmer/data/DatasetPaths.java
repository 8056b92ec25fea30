package cmer.data;

import cmer.core.CmerException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** File names from dataset files: resolved inside the dataset folder only, and the scene read from them. */
public final class DatasetPaths {
    private static final Pattern CLASS_PREFIX = Pattern.compile("^([A-Za-z]+?)_?\\d+$");
    private static final Pattern WINDOWS_ABSOLUTE = Pattern.compile("^[A-Za-z]:.*");

    private DatasetPaths() { }

    /**
     * Resolves a file name written in a dataset file against the image folder. Absolute names and names that
     * leave the folder ({@code ../}) are always refused: a dataset file must not make the tool read elsewhere.
     *
     * @param where file and line of the name, for the error message (e.g. {@code train_filename.txt:12})
     */
    public static Path resolve(Path imageRoot, String name, String where) {
        String n = name.strip().replace('\\', '/');
        if (n.isEmpty()) throw new CmerException(where + ": empty image file name");
        if (n.startsWith("/") || WINDOWS_ABSOLUTE.matcher(n).matches())
            throw new CmerException(where + ": absolute image path '" + name + "' refused (names must be relative to " + imageRoot + ")");
        Path root = imageRoot.toAbsolutePath().normalize();
        Path p;
        try {
            p = root.resolve(n).normalize();
        } catch (InvalidPathException e) {
            throw new CmerException(where + ": invalid image file name '" + name + "'", e);
        }
        if (!p.startsWith(root) || p.equals(root))
            throw new CmerException(where + ": image path '" + name + "' escapes the dataset folder " + root + " (refused)");
        return p;
    }

    /**
     * Scene class from a {@code <class>_<n>} (RSITMD, RSICD) or {@code <class><nn>} (UCM) file name, lower-cased;
     * {@link ImageRecord#UNKNOWN_SCENE} when the name has no such prefix (RSICD's {@code 00001.jpg}).
     */
    public static String sceneFromName(String fileName) {
        String base = fileName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        if (dot > 0) base = base.substring(0, dot);
        Matcher m = CLASS_PREFIX.matcher(base);
        return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : ImageRecord.UNKNOWN_SCENE;
    }
}
