package org.maskface.face.detect;

/** A detected face: box in image pixels (top-left x, y, width, height) and detector confidence. */
public record FaceBox(double x, double y, double width, double height, double score) {

    public double right() {
        return x + width;
    }

    public double bottom() {
        return y + height;
    }

    public double area() {
        return Math.max(0, width) * Math.max(0, height);
    }

    public double iou(FaceBox o) {
        double ix = Math.max(0, Math.min(right(), o.right()) - Math.max(x, o.x));
        double iy = Math.max(0, Math.min(bottom(), o.bottom()) - Math.max(y, o.y));
        double inter = ix * iy;
        double union = area() + o.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** The same box in another frame: {@code (x·s + dx, y·s + dy)}. */
    public FaceBox transform(double scale, double dx, double dy) {
        return new FaceBox(x * scale + dx, y * scale + dy, width * scale, height * scale, score);
    }
}
