package org.maskface.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.maskface.nn.Scalars;

/**
 * The de-occlusion distillation losses (DESIGN.md §3.1, after relational knowledge distillation):
 * a frozen teacher embeds the unmasked face ({@code t}, B×D), the student the completed masked
 * face ({@code s}, B×D), and the student is pulled towards the teacher sample by sample
 * (instance), in the distances between samples (pair) and in the angles between them (triplet):
 *
 * <pre>
 * L = L_CE + λi·Li + λp·Lp + λt·Lt                  (λp = 1, λt = 2)
 * Li  hard:  mean_i ‖t_i − s_i‖₁
 * Li* soft:  mean_i ‖f_i − s_i‖₁,  f_i = teacher centroid of i's identity (unit length)
 * Lp  = mean_{i≠j} Huber(‖t_i − t_j‖ / μ_t, ‖s_i − s_j‖ / μ_s),  μ = mean pairwise distance of the batch
 * Lt  = mean_{i,j,k distinct} Huber(cos∠(t_i, t_j, t_k), cos∠(s_i, s_j, s_k)),  angle at j
 * </pre>
 *
 * Sums over tuples are taken as means, so a loss does not grow with the batch (RKD's practice;
 * the λ then keep their meaning across batch sizes). The soft instance term as written in the
 * design, ‖(t − f) − (s − f)‖₁, equals the hard one (f cancels). It is taken here as the paper's
 * idea states it — identity-centred: the student is pulled to the teacher's centre of the
 * identity instead of to the teacher's embedding of that one photo, a target that carries the
 * identity without the photo's own pose and lighting. (A first reading, matching the unit
 * directions of the offsets from the centre, made a term of magnitude ~12 that pulled the
 * student away from the teacher within 30 steps: the offsets of one identity's photos from its
 * centre are small and their directions mostly noise.)
 * Huber is smooth L1 with δ = 1. All functions work in the arrays' own data type (float64 in the
 * gradient tests).
 */
public final class DistillationLoss {

    /** Which instance term. */
    public enum Instance {
        NONE, HARD, SOFT
    }

    /** λ weights of the terms (the paper: λp = 1, λt = 2; λi = 1). */
    public record Weights(Instance instance, double instanceWeight, double pairWeight, double tripletWeight) {
        public static final Weights PAPER_SOFT = new Weights(Instance.SOFT, 1, 1, 2);
        public static final Weights PAPER_HARD = new Weights(Instance.HARD, 1, 1, 2);
        public static final Weights CE_ONLY = new Weights(Instance.NONE, 0, 0, 0);
    }

    /** Keeps square roots and divisions away from zero (coincident embeddings). */
    static final double EPS = 1e-12;

    private DistillationLoss() {
    }

    /**
     * The total loss.
     *
     * @param teacher   B×D teacher embeddings of the unmasked faces (no gradient needed)
     * @param student   B×D student embeddings of the completed faces
     * @param logits    B×C student class scores (identities of the training set)
     * @param labels    B identity indices (int or float)
     * @param centroids B×D teacher centroid of each sample's identity (only for {@link Instance#SOFT})
     */
    public static NDArray total(NDArray teacher, NDArray student, NDArray logits, NDArray labels, NDArray centroids,
                                Weights w) {
        return weighted(terms(teacher, student, logits, labels, centroids, w), w);
    }

    /**
     * The terms {@code w} switches on, unweighted, by name: "ce" always, then "instance", "pair",
     * "triplet" where their weight is not zero (arguments as for {@link #total}).
     */
    public static java.util.Map<String, NDArray> terms(NDArray teacher, NDArray student, NDArray logits,
                                                       NDArray labels, NDArray centroids, Weights w) {
        java.util.Map<String, NDArray> t = new java.util.LinkedHashMap<>();
        t.put("ce", crossEntropy(logits, labels));
        t.putAll(relations(teacher, student, centroids, w));
        return t;
    }

    /**
     * The distillation terms alone (no cross-entropy: G2D's reformer learns from the teacher only):
     * "instance", "pair", "triplet" where their weight is not zero.
     */
    public static java.util.Map<String, NDArray> relations(NDArray teacher, NDArray student, NDArray centroids,
                                                           Weights w) {
        java.util.Map<String, NDArray> t = new java.util.LinkedHashMap<>();
        if (w.instance() == Instance.HARD && w.instanceWeight() != 0) {
            t.put("instance", instanceHard(teacher, student));
        } else if (w.instance() == Instance.SOFT && w.instanceWeight() != 0) {
            t.put("instance", instanceSoft(teacher, student, centroids));
        }
        if (w.pairWeight() != 0) {
            t.put("pair", pair(teacher, student));
        }
        if (w.tripletWeight() != 0) {
            t.put("triplet", triplet(teacher, student));
        }
        return t;
    }

    /** L_CE + λi·Li + λp·Lp + λt·Lt over the terms of {@link #terms} (or of {@link #relations}: no L_CE). */
    public static NDArray weighted(java.util.Map<String, NDArray> terms, Weights w) {
        NDArray loss = terms.get("ce");
        loss = plus(loss, terms.get("instance"), w.instanceWeight());
        loss = plus(loss, terms.get("pair"), w.pairWeight());
        loss = plus(loss, terms.get("triplet"), w.tripletWeight());
        if (loss == null) {
            throw new IllegalArgumentException("no loss terms");
        }
        return loss;
    }

    private static NDArray plus(NDArray sum, NDArray term, double weight) {
        if (term == null) {
            return sum;
        }
        NDArray t = Scalars.mul(term, weight);
        return sum == null ? t : sum.add(t);
    }

    /** Softmax cross-entropy, mean over the batch. */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        int classes = (int) logits.getShape().get(1);
        NDArray oneHot = labels.toType(ai.djl.ndarray.types.DataType.INT64, false).oneHot(classes)
                .toType(logits.getDataType(), false);
        return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg().mean();
    }

    /** mean_i ‖t_i − s_i‖₁. */
    public static NDArray instanceHard(NDArray teacher, NDArray student) {
        return teacher.sub(student).abs().sum(new int[] {1}).mean();
    }

    /** mean_i ‖f_i − s_i‖₁ (see the class comment). */
    public static NDArray instanceSoft(NDArray teacher, NDArray student, NDArray centroids) {
        return centroids.sub(student).abs().sum(new int[] {1}).mean();
    }

    /** mean over ordered pairs i ≠ j of Huber(ψp teacher, ψp student). */
    public static NDArray pair(NDArray teacher, NDArray student) {
        int b = batch(teacher, student, 2);
        NDArray offDiagonal = offDiagonal(teacher.getManager(), b, teacher.getDataType());
        NDArray pt = normalisedDistances(teacher, offDiagonal);
        NDArray ps = normalisedDistances(student, offDiagonal);
        return Scalars.div(huber(pt.sub(ps)).mul(offDiagonal).sum(), b * (b - 1));
    }

    /** ‖a_i − a_j‖ / μ for all i, j (μ: mean over i ≠ j); the diagonal is meaningless and masked by callers. */
    static NDArray normalisedDistances(NDArray a, NDArray offDiagonal) {
        int b = (int) a.getShape().get(0);
        NDArray diff = a.expandDims(1).sub(a.expandDims(0)); // B×B×D
        NDArray dist = Scalars.pow(diff, 2).sum(new int[] {2}).add(EPS).sqrt();
        NDArray mean = Scalars.div(dist.mul(offDiagonal).sum(), b * (b - 1));
        return dist.div(mean);
    }

    /** mean over distinct (i, j, k) of Huber(cos∠ at j teacher, student). */
    public static NDArray triplet(NDArray teacher, NDArray student) {
        int b = batch(teacher, student, 3);
        NDArray distinct = distinctTriples(teacher.getManager(), b, teacher.getDataType());
        NDArray at = angles(teacher);
        NDArray as = angles(student);
        return Scalars.mul(huber(at.sub(as)).mul(distinct).sum(), 1.0 / ((double) b * (b - 1) * (b - 2)));
    }

    /** [j, i, k] = ⟨e_ij, e_kj⟩ with e_ij the unit vector from a_j to a_i. */
    static NDArray angles(NDArray a) {
        NDArray fromJ = a.expandDims(0).sub(a.expandDims(1)); // [j, i, :] = a_i − a_j
        NDArray e = fromJ.div(Scalars.pow(fromJ, 2).sum(new int[] {2}, true).add(EPS).sqrt());
        return e.batchMatMul(e.transpose(0, 2, 1)); // [j, i, k]
    }

    private static int batch(NDArray teacher, NDArray student, int least) {
        if (!teacher.getShape().equals(student.getShape()) || teacher.getShape().dimension() != 2) {
            throw new IllegalArgumentException("teacher and student must both be B×D, got " + teacher.getShape()
                    + " and " + student.getShape());
        }
        int b = (int) teacher.getShape().get(0);
        if (b < least) {
            throw new IllegalArgumentException("a batch of " + b + " has no " + (least == 2 ? "pairs" : "triplets"));
        }
        return b;
    }

    /** Smooth L1 with δ = 1, elementwise. */
    static NDArray huber(NDArray x) {
        NDArray ax = x.abs();
        NDArray small = ax.lt(1).toType(x.getDataType(), false);
        return Scalars.mul(Scalars.pow(ax, 2), 0.5).mul(small).add(ax.sub(0.5).mul(small.neg().add(1)));
    }

    private static NDArray offDiagonal(NDManager m, int b, ai.djl.ndarray.types.DataType type) {
        float[] v = new float[b * b];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < b; j++) {
                v[i * b + j] = i == j ? 0 : 1;
            }
        }
        return m.create(v, new Shape(b, b)).toType(type, false);
    }

    /** Mask [j, i, k]: 1 where i, j, k are all different. */
    private static NDArray distinctTriples(NDManager m, int b, ai.djl.ndarray.types.DataType type) {
        float[] v = new float[b * b * b];
        for (int j = 0; j < b; j++) {
            for (int i = 0; i < b; i++) {
                for (int k = 0; k < b; k++) {
                    v[(j * b + i) * b + k] = i != j && k != j && i != k ? 1 : 0;
                }
            }
        }
        return m.create(v, new Shape(b, b, b)).toType(type, false);
    }
}
