package org.maskface.mask;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The four kinds of occluder of DESIGN.md §4 (after Ge et al. 2017), plus {@link #MIXED}, which
 * draws one of the four per call from the seed.
 */
public enum MaskCategory {
    /** A man-made object in one pure colour: a surgical, N95, KN95 or cloth mask. */
    SIMPLE("simple"),
    /** The same masks, textured or printed: stripes, checks, dots, florals, camouflage, a logo. */
    COMPLEX("complex"),
    /** A hand or a lock of hair across the lower face. */
    HUMAN_BODY("body"),
    /** Two of the above, or one of them plus glasses or sunglasses over the eyes. */
    HYBRID("hybrid"),
    /** One of the four concrete categories, drawn per image from the seed. */
    MIXED("mixed");

    /** The four concrete categories, in declaration order. */
    public static final List<MaskCategory> CONCRETE = List.of(SIMPLE, COMPLEX, HUMAN_BODY, HYBRID);

    private final String cliName;

    MaskCategory(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line. */
    public String cliName() {
        return cliName;
    }

    public boolean isConcrete() {
        return this != MIXED;
    }

    /** This category, or for {@link #MIXED} one of the four drawn from {@code random}. */
    MaskCategory resolve(Random random) {
        if (isConcrete()) {
            return this;
        }
        return CONCRETE.get(random.nextInt(CONCRETE.size()));
    }

    /** Parses a command-line name (simple, complex, body, hybrid, mixed) or an enum name, any case. */
    public static MaskCategory parse(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("mask category is empty; use one of simple, complex, body, hybrid, mixed");
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (MaskCategory c : values()) {
            if (c.cliName.equals(n) || c.name().toLowerCase(Locale.ROOT).equals(n.replace('-', '_'))) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown mask category '" + name + "'; use one of simple, complex, body, hybrid, mixed");
    }
}
