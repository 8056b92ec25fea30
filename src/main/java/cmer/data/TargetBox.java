package cmer.data;

/**
 * A ground-truth small target in an image (sample data): what it is, its colour word and its axis-aligned box
 * in pixels of the stored image (x, y = top-left; x grows right, y grows down).
 *
 * @param kind   {@code plane}, {@code ship}, {@code car}, {@code tank}, ...
 * @param colour the colour word the captions use (e.g. {@code white})
 */
public record TargetBox(String kind, String colour, int x, int y, int width, int height) {
    public TargetBox {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("empty box " + width + "x" + height);
    }

    /** Area in pixels. */
    public int area() { return width * height; }
}
