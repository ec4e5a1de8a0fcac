/**
 * Synthetic occlusion of aligned faces (DESIGN.md §4, issue 3 item 1).
 *
 * <p>{@link org.maskface.mask.MaskSynthesizer} draws, on the 112×112 aligned crop and from its 68
 * landmarks, one of four {@linkplain org.maskface.mask.MaskCategory categories}: simple (a plain
 * surgical, N95, KN95 or cloth {@linkplain org.maskface.mask.MaskShape mask}), complex (the same
 * masks printed: stripes, checks, dots, florals, camouflage, a logo), human body (a hand or a lock
 * of hair across the lower face) and hybrid (two of those, or one plus glasses or sunglasses). It
 * returns a {@link org.maskface.mask.Masked}: the image and its binary occlusion map.
 *
 * <p>Placement: the top edge runs over the nose bridge (points 27–30), the sides just outside the
 * jaw line (1–15) and the bottom under the chin (8). Pose: the yaw is read from the nose tip's
 * offset to the jaw's midpoint; the far side hugs the foreshortened jaw, the near side stands
 * off it, seams, shading and ear loops follow the nose. Realism: antialiased Java2D edges, the
 * face's own blurred lighting multiplied into the colour, darkening towards the sides.
 * Randomness: colour, print, shape, scale ±10 %, shift ±3 px and mirroring, all from the seed.
 *
 * <p>Measured coverage (fraction of the crop occluded, 8 LFW faces × 200 seeds each): simple
 * 0.258 ± 0.043, complex 0.262 ± 0.042, body 0.167 ± 0.033, hybrid 0.280 ± 0.055, mixed
 * 0.238 ± 0.059 (min 0.090, max 0.370); details and the command in docs/mask-coverage.md.
 */
package org.maskface.mask;
