package cmer.geo.export;

/**
 * A saliency map over an image: {@code values} is {@code float[height * width]}, row-major, row 0 at the
 * image's top. Either at the image's pixel size or at the model's patch-grid size (e.g. 7 × 7); the
 * exporter scales the georeferencing (or upsamples, for an extra band) to match.
 */
public record AttentionMap(int width, int height, float[] values) {
    public AttentionMap {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("attention map size must be positive: " + width + "x" + height);
        if (values == null || values.length != width * height)
            throw new IllegalArgumentException("attention map: expected float[" + height + " * " + width + "], got " + (values == null ? "null" : "float[" + values.length + "]"));
    }

    /** Bilinear resampling to {@code w × h} (pixel centres aligned), for an extra band at the image's resolution. */
    public float[] resampled(int w, int h) {
        if (w == width && h == height) return values.clone();
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            double sy = Math.max(0, Math.min(height - 1, (y + 0.5) * height / h - 0.5));
            int y0 = (int) sy, y1 = Math.min(height - 1, y0 + 1);
            double fy = sy - y0;
            for (int x = 0; x < w; x++) {
                double sx = Math.max(0, Math.min(width - 1, (x + 0.5) * width / w - 0.5));
                int x0 = (int) sx, x1 = Math.min(width - 1, x0 + 1);
                double fx = sx - x0;
                double top = values[y0 * width + x0] * (1 - fx) + values[y0 * width + x1] * fx;
                double bottom = values[y1 * width + x0] * (1 - fx) + values[y1 * width + x1] * fx;
                out[y * w + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }
}
