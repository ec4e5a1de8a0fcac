package org.maskface.face.landmark;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import org.maskface.image.RgbImage;

/** Draws 68 landmarks on an image, for people to check alignment by eye. */
public final class LandmarkOverlay {

    private LandmarkOverlay() {
    }

    /**
     * @param landmarks 68 points in {@code image}'s pixels
     * @param scale     output magnification (points are small on a 112-pixel crop)
     * @return the image enlarged by {@code scale}, jaw/brows/nose/mouth points in green and the
     *     eye points in red
     */
    public static RgbImage draw(RgbImage image, float[][] landmarks, int scale) {
        BufferedImage src = image.toBufferedImage();
        BufferedImage out = new BufferedImage(image.width() * scale, image.height() * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.drawImage(src, 0, 0, out.getWidth(), out.getHeight(), null);
        g.setStroke(new BasicStroke(1f));
        double r = 1.2 * scale;
        for (int i = 0; i < landmarks.length; i++) {
            boolean eye = i >= 36 && i < 48;
            g.setColor(eye ? new Color(255, 40, 40) : new Color(40, 230, 60));
            // pixel centres sit at integer coordinates: shift by half a source pixel when enlarging
            double x = (landmarks[i][0] + 0.5) * scale;
            double y = (landmarks[i][1] + 0.5) * scale;
            g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
        }
        g.dispose();
        return RgbImage.fromBufferedImage(out);
    }
}
