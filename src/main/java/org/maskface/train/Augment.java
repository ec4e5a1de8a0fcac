package org.maskface.train;

/**
 * Joint jitter of a training face and its targets (occlusion map, landmarks), standing for
 * alignment drift on masked faces: rotation up to ±{@code rotateDegrees}, scale 1 ± {@code scale}, shift up to ±{@code shiftPixels}; colour:
 * brightness and contrast 1 ± {@code colour}; grey-scale with probability {@code grey}; with
 * probability {@code recolour} the occluder is repainted in another colour keeping its shading
 * (mostly white and pastel: real masks are often light, the synthesizer's palette less so).
 */
public record Augment(double rotateDegrees, double scale, double shiftPixels, double colour, double grey,
                      double recolour) {

    public static final Augment NONE = new Augment(0, 0, 0, 0, 0, 0);
}

