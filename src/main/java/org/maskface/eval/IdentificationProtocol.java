package org.maskface.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.maskface.face.embed.FaceEmbedder;

/**
 * Closed-set identification (DESIGN.md §5): each probe is compared with every gallery
 * embedding; identities are ranked by their best-matching gallery embedding (cosine); a probe
 * counts at rank k when its true identity is among the top k. Probes whose identity has no
 * gallery entry are rejected, since no rank could be right for them.
 */
public final class IdentificationProtocol {

    /** One labelled embedding (unit length). */
    public record Sample(String identity, float[] embedding) {
    }

    /** Rank-k hit rates for the requested ks, and how many probes were ranked. */
    public record Result(Map<Integer, Double> rankAccuracy, int probes, int galleryIdentities, int gallerySamples) {
        public double rank(int k) {
            Double v = rankAccuracy.get(k);
            if (v == null) {
                throw new IllegalArgumentException("rank " + k + " was not computed; have " + rankAccuracy.keySet());
            }
            return v;
        }
    }

    private IdentificationProtocol() {
    }

    public static Result evaluate(List<Sample> gallery, List<Sample> probes, int... ks) {
        if (gallery.isEmpty() || probes.isEmpty()) {
            throw new IllegalArgumentException("identification needs a non-empty gallery and probe set");
        }
        Map<String, List<float[]>> byIdentity = new LinkedHashMap<>();
        for (Sample s : gallery) {
            byIdentity.computeIfAbsent(s.identity(), k -> new ArrayList<>()).add(s.embedding());
        }
        int[] hits = new int[ks.length];
        for (Sample probe : probes) {
            if (!byIdentity.containsKey(probe.identity())) {
                throw new IllegalArgumentException("probe identity '" + probe.identity() + "' has no gallery entry");
            }
            int rank = rankOfTrueIdentity(probe, byIdentity);
            for (int i = 0; i < ks.length; i++) {
                if (rank <= ks[i]) {
                    hits[i]++;
                }
            }
        }
        Map<Integer, Double> acc = new LinkedHashMap<>();
        for (int i = 0; i < ks.length; i++) {
            acc.put(ks[i], (double) hits[i] / probes.size());
        }
        return new Result(acc, probes.size(), byIdentity.size(), gallery.size());
    }

    /**
     * 1-based rank of the probe's identity. Ties count against the probe: an identity scoring
     * exactly as well as the true one is ranked ahead of it.
     */
    static int rankOfTrueIdentity(Sample probe, Map<String, List<float[]>> gallery) {
        Map<String, Double> best = new HashMap<>();
        for (Map.Entry<String, List<float[]>> e : gallery.entrySet()) {
            double b = Double.NEGATIVE_INFINITY;
            for (float[] g : e.getValue()) {
                b = Math.max(b, FaceEmbedder.similarity(probe.embedding(), g));
            }
            best.put(e.getKey(), b);
        }
        double truth = best.get(probe.identity());
        int rank = 1;
        for (Map.Entry<String, Double> e : best.entrySet()) {
            if (!e.getKey().equals(probe.identity()) && e.getValue() >= truth) {
                rank++;
            }
        }
        return rank;
    }
}
