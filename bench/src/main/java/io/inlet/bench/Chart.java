package io.inlet.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The report's PNG, drawn with java.awt (headless): per partition count a group of bars (Inlet, native) at
 * their median docs/s with min–max whiskers, and the ceiling's median as a dashed line across the group.
 */
final class Chart {

    private static final int W = 960;
    private static final int H = 540;
    private static final Color INLET = new Color(0x2E7D32);
    private static final Color NATIVE = new Color(0x1565C0);
    private static final Color CEILING = new Color(0xC62828);

    private Chart() {
    }

    static void write(Results r, String title, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);

        int left = 90;
        int right = W - 30;
        int top = 70;
        int bottom = H - 80;
        double max = 0;
        for (Measurement m : r.measurements) {
            max = Math.max(max, m.docsPerSecond());
        }
        max = niceCeiling(max * 1.1);

        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(title, left, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(String.format(Locale.ROOT, "docs/s, median of %d run%s (whiskers: min–max), N = %,d", r.completedRuns, r.completedRuns == 1 ? "" : "s",
                r.messages), left, 52);

        // axes and grid
        g.setColor(new Color(0xDDDDDD));
        for (int i = 0; i <= 5; i++) {
            int y = bottom - (int) ((bottom - top) * i / 5.0);
            g.drawLine(left, y, right, y);
        }
        g.setColor(Color.BLACK);
        g.drawLine(left, top, left, bottom);
        g.drawLine(left, bottom, right, bottom);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i <= 5; i++) {
            int y = bottom - (int) ((bottom - top) * i / 5.0);
            String label = String.format(Locale.ROOT, "%,.0f", max * i / 5);
            g.drawString(label, left - 8 - fm.stringWidth(label), y + 4);
        }

        List<Integer> groups = new ArrayList<>(r.partitions);
        int groupWidth = (right - left) / Math.max(1, groups.size());
        for (int gi = 0; gi < groups.size(); gi++) {
            int p = groups.get(gi);
            int gx = left + gi * groupWidth;
            int barW = Math.min(120, groupWidth / 4);
            int x1 = gx + groupWidth / 2 - barW - 10;
            int x2 = gx + groupWidth / 2 + 10;
            bar(g, r.docsPerSecond("inlet", p), x1, barW, top, bottom, max, INLET, "Inlet");
            bar(g, r.docsPerSecond("native", p), x2, barW, top, bottom, max, NATIVE, "native");
            Stats ceiling = r.docsPerSecond("ceiling", p);
            if (!ceiling.isEmpty()) {
                int y = y(ceiling.median(), top, bottom, max);
                g.setColor(CEILING);
                g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {8, 6}, 0));
                g.drawLine(gx + 15, y, gx + groupWidth - 15, y);
                g.setStroke(new BasicStroke(1));
                g.drawString(String.format(Locale.ROOT, "ceiling %,.0f", ceiling.median()), gx + groupWidth - 15 - 110, y - 6);
            }
            g.setColor(Color.BLACK);
            String label = p + " partition" + (p == 1 ? "" : "s") + " / " + p + " shard" + (p == 1 ? "" : "s");
            g.drawString(label, gx + groupWidth / 2 - fm.stringWidth(label) / 2, bottom + 40);
        }

        // legend
        int lx = left;
        int ly = H - 22;
        legend(g, lx, ly, INLET, "Inlet Kafka Connect sink");
        legend(g, lx + 230, ly, NATIVE, "OpenSearch pull-based ingestion");
        g.setColor(CEILING);
        g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {8, 6}, 0));
        g.drawLine(lx + 500, ly - 5, lx + 530, ly - 5);
        g.setStroke(new BasicStroke(1));
        g.setColor(Color.BLACK);
        g.drawString("ceiling: tuned _bulk loader", lx + 538, ly);
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private static void bar(Graphics2D g, Stats s, int x, int w, int top, int bottom, double max, Color c, String name) {
        if (s.isEmpty()) {
            return;
        }
        int y = y(s.median(), top, bottom, max);
        g.setColor(c);
        g.fillRect(x, y, w, bottom - y);
        g.setColor(Color.BLACK);
        int cx = x + w / 2;
        int ymin = y(s.min(), top, bottom, max);
        int ymax = y(s.max(), top, bottom, max);
        g.drawLine(cx, ymin, cx, ymax);
        g.drawLine(cx - 8, ymin, cx + 8, ymin);
        g.drawLine(cx - 8, ymax, cx + 8, ymax);
        String v = String.format(Locale.ROOT, "%,.0f", s.median());
        FontMetrics fm = g.getFontMetrics();
        g.setColor(Color.WHITE);
        if (bottom - y > 40) {
            g.drawString(v, cx - fm.stringWidth(v) / 2, bottom - 24);
            g.drawString(name, cx - fm.stringWidth(name) / 2, bottom - 8);
        }
    }

    private static void legend(Graphics2D g, int x, int y, Color c, String text) {
        g.setColor(c);
        g.fillRect(x, y - 11, 14, 14);
        g.setColor(Color.BLACK);
        g.drawString(text, x + 20, y);
    }

    private static int y(double v, int top, int bottom, double max) {
        return bottom - (int) Math.round((bottom - top) * Math.min(1, v / max));
    }

    private static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double step = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * step >= v) {
                return m * step;
            }
        }
        return 10 * step;
    }
}
