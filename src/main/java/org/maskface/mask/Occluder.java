package org.maskface.mask;

import java.awt.Graphics2D;
import java.util.function.Consumer;

/**
 * One thing drawn over the face, on its own transparent layer, and how that layer is shaded.
 *
 * @param description what it is, for logs and the CLI
 * @param painter draws the occluder in crop coordinates (antialiasing already on)
 * @param lighting 0..1: how strongly the face's own (blurred) lighting shows through the colour
 * @param roundness 0..1: how much darker the layer gets towards its sides, as on a curved surface
 * @param centreX where that curved surface faces the camera (the nose for a turned face)
 * @param halfWidth the surface's half width in pixels
 * @param jitter whether the random scale and shift apply (eyewear sits on the eyes, not jittered)
 */
record Occluder(String description, Consumer<Graphics2D> painter, double lighting, double roundness,
        double centreX, double halfWidth, boolean jitter) {
}
