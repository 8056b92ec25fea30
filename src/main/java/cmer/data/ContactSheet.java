package cmer.data;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A grid of dataset images, each with its scene and first caption underneath (and optionally its target boxes). */
public final class ContactSheet {
    private ContactSheet() { }

    /**
     * One image per scene first (dataset order), then further images, up to {@code count}; missing or corrupt files
     * are skipped.
     *
     * @param boxes ground-truth boxes by image id drawn as yellow outlines; empty map for none
     */
    public static BufferedImage render(Dataset d, int columns, int count, int tile, Map<String, List<TargetBox>> boxes) {
        List<ImageRecord> chosen = choose(d, count);
        int captionH = 46, rows = (chosen.size() + columns - 1) / columns, pad = 6;
        BufferedImage sheet = new BufferedImage(columns * (tile + pad) + pad, rows * (tile + captionH + pad) + pad, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(250, 250, 248));
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 11), bold = font.deriveFont(Font.BOLD);
            for (int k = 0; k < chosen.size(); k++) {
                ImageRecord r = chosen.get(k);
                BufferedImage im = ImageLoader.load(r.path());
                int x = pad + (k % columns) * (tile + pad), y = pad + (k / columns) * (tile + captionH + pad);
                g.drawImage(ModelInput.centerCrop(im, tile), x, y, null);
                double sx = (double) tile / Math.min(im.getWidth(), im.getHeight());
                g.setColor(Color.YELLOW);
                for (TargetBox b : boxes.getOrDefault(r.id(), List.of()))
                    g.drawRect(x + (int) (b.x() * sx) - 2, y + (int) (b.y() * sx) - 2, (int) Math.ceil(b.width() * sx) + 3, (int) Math.ceil(b.height() * sx) + 3);
                g.setColor(Color.DARK_GRAY);
                g.setFont(bold);
                g.drawString(r.scene(), x, y + tile + 12);
                g.setFont(font);
                String cap = r.captions().isEmpty() ? "" : r.captions().get(0);
                List<String> lines = wrap(cap, g.getFontMetrics(), tile);
                for (int l = 0; l < Math.min(2, lines.size()); l++) g.drawString(lines.get(l) + (l == 1 && lines.size() > 2 ? "…" : ""), x, y + tile + 25 + 12 * l);
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    private static List<ImageRecord> choose(Dataset d, int count) {
        List<ImageRecord> present = d.images().stream().filter(r -> Files.isRegularFile(r.path())).toList();
        Set<ImageRecord> out = new LinkedHashSet<>();
        Set<String> scenes = new LinkedHashSet<>();
        for (ImageRecord r : present) if (out.size() < count && scenes.add(r.scene())) out.add(r);
        for (ImageRecord r : present) if (out.size() < count) out.add(r);
        return new ArrayList<>(out);
    }

    private static List<String> wrap(String text, FontMetrics fm, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String w : text.split(" ")) {
            String next = line.length() == 0 ? w : line + " " + w;
            if (fm.stringWidth(next) > width && line.length() > 0) {
                lines.add(line.toString());
                line = new StringBuilder(w);
            } else {
                line = new StringBuilder(next);
            }
        }
        if (line.length() > 0) lines.add(line.toString());
        return lines;
    }
}
