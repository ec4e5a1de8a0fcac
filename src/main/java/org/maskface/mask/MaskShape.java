package org.maskface.mask;

/** Face-mask shapes as people wear them. */
public enum MaskShape {
    /** Pleated rectangle with a bound edge and thin ear loops. */
    SURGICAL,
    /** Moulded cup with a rim, head straps and sometimes a valve. */
    N95,
    /** Fold-flat respirator: pointed top and chin, vertical centre seam, welded border. */
    KN95,
    /** Smooth curved fabric mask, often with a centre seam. */
    CLOTH
}
