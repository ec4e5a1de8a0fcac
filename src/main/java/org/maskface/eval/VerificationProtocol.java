package org.maskface.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Face verification metrics on scored pairs (higher score = more alike, e.g. cosine similarity).
 *
 * <p><b>Decision rule:</b> a pair is declared "same" when {@code score > threshold} (strictly).
 *
 * <p><b>k-fold accuracy</b> (the LFW protocol): for each fold, the threshold is the one that
 * maximises accuracy on all the <em>other</em> folds, then applied to this fold. The folds are
 * whatever fold ids the pairs carry (10 for full LFW; 6–10 alone give 5-fold cross-validation).
 * Candidate thresholds on a training set with distinct scores u₀ &lt; … &lt; u_{m−1} are: just
 * below u₀ ({@code Math.nextDown(u₀)}, accept all), every midpoint (u_{k−1} + u_k)/2, and u_{m−1}
 * (reject all); together they realise every possible split of the training scores. Among equally
 * accurate candidates the middle one is taken (the lower median in ascending order), so the
 * choice is deterministic and sits inside a plateau rather than on its edge. Reported spread is
 * the <b>sample</b> standard deviation (n−1) of the per-fold accuracies.
 *
 * <p><b>TAR@FAR</b> over all pairs: with N negatives, at most k = ⌊FAR·N⌋ false accepts are
 * allowed, so the threshold is the (k+1)-th highest negative score (under the strict rule, ties
 * at it are rejected and the achieved FAR is ≤ the target); TAR is the share of positives above
 * it. When FAR·N &lt; 1, k = 0: the threshold is the highest negative score.
 *
 * <p><b>ROC/AUC</b>: one point per distinct score (accept every score ≥ it), from (0, 0) to
 * (1, 1); AUC is the trapezoidal area, equal to P(pos &gt; neg) + ½·P(pos = neg).
 */
public final class VerificationProtocol {
    /** The false-accept rates reported by default. */
    public static final double[] DEFAULT_FARS = {1e-3, 1e-2};

    private VerificationProtocol() {
    }

    /** A scored pair: its similarity, whether it is truly the same person, and its fold id. */
    public record ScoredPair(double score, boolean same, int fold) {
        /** A parsed LFW pair with the similarity a method gave it. */
        public static ScoredPair of(LfwPairs.Pair pair, double score) {
            return new ScoredPair(score, pair.same(), pair.fold());
        }
    }

    /** A chosen threshold and the accuracy it reaches on the pairs it was chosen on. */
    public record ThresholdChoice(double threshold, double accuracy) {
    }

    /** One fold's cross-validated result: threshold from the other folds, accuracy on this one. */
    public record FoldResult(int fold, double accuracy, double threshold, int pairs) {
    }

    /** TAR at a target FAR; {@code achievedFar} ≤ {@code far} is the FAR the threshold really gives. */
    public record TarAtFar(double far, double tar, double threshold, double achievedFar, int allowedFalseAccepts,
            int negatives) {
    }

    /** A ROC operating point: accepting every score ≥ {@code threshold} gives (fpr, tpr). */
    public record RocPoint(double fpr, double tpr, double threshold) {
    }

    /** Everything the protocol computes. */
    public record Result(List<FoldResult> folds, double meanAccuracy, double stdAccuracy, ThresholdChoice overall,
            Map<Double, TarAtFar> tarAtFar, List<RocPoint> roc, double auc, int pairs, int positives, int negatives) {
    }

    /** Evaluates with {@link #DEFAULT_FARS}. */
    public static Result evaluate(List<ScoredPair> pairs) {
        return evaluate(pairs, DEFAULT_FARS);
    }

    /**
     * Runs the whole protocol, reporting TAR at each of {@code fars} (none given: {@link #DEFAULT_FARS}).
     *
     * @throws IllegalArgumentException if a score is not finite (drop failed pairs and report them
     *     as failures, or give them a score), if there are fewer than 2 folds, or if all pairs are
     *     of one class
     */
    public static Result evaluate(List<ScoredPair> pairs, double... fars) {
        int n = pairs.size();
        double[] scores = new double[n];
        boolean[] same = new boolean[n];
        int[] folds = new int[n];
        for (int i = 0; i < n; i++) {
            ScoredPair p = pairs.get(i);
            scores[i] = p.score();
            same[i] = p.same();
            folds[i] = p.fold();
        }
        return evaluate(scores, same, folds, fars);
    }

    /** As {@link #evaluate(List, double...)} on parallel arrays; no FARs given means {@link #DEFAULT_FARS}. */
    public static Result evaluate(double[] scores, boolean[] same, int[] folds, double... fars) {
        if (fars == null || fars.length == 0) {
            fars = DEFAULT_FARS;
        }
        checkInputs(scores, same);
        if (folds.length != scores.length) {
            throw new IllegalArgumentException("scores and folds differ in length");
        }
        int positives = count(same, true);
        int negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("need both same and different pairs, got " + positives + " same and "
                    + negatives + " different");
        }
        TreeSet<Integer> foldIds = new TreeSet<>();
        for (int f : folds) {
            foldIds.add(f);
        }
        if (foldIds.size() < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + foldIds);
        }

        List<FoldResult> foldResults = new ArrayList<>();
        double[] accuracies = new double[foldIds.size()];
        int k = 0;
        for (int fold : foldIds) {
            int testCount = 0;
            for (int f : folds) {
                if (f == fold) {
                    testCount++;
                }
            }
            double[] trainScores = new double[scores.length - testCount];
            boolean[] trainSame = new boolean[trainScores.length];
            double[] testScores = new double[testCount];
            boolean[] testSame = new boolean[testCount];
            int tr = 0;
            int te = 0;
            for (int i = 0; i < scores.length; i++) {
                if (folds[i] == fold) {
                    testScores[te] = scores[i];
                    testSame[te++] = same[i];
                } else {
                    trainScores[tr] = scores[i];
                    trainSame[tr++] = same[i];
                }
            }
            double threshold = bestThreshold(trainScores, trainSame).threshold();
            double acc = accuracy(testScores, testSame, threshold);
            accuracies[k++] = acc;
            foldResults.add(new FoldResult(fold, acc, threshold, testCount));
        }

        Map<Double, TarAtFar> tar = new LinkedHashMap<>();
        for (double far : fars) {
            tar.put(far, tarAtFar(scores, same, far));
        }
        List<RocPoint> roc = roc(scores, same);
        return new Result(Collections.unmodifiableList(foldResults), mean(accuracies), sampleStd(accuracies),
                bestThreshold(scores, same), Collections.unmodifiableMap(tar), roc, auc(roc), scores.length,
                positives, negatives);
    }

    /** Share of pairs classified correctly by "same iff score &gt; threshold". */
    public static double accuracy(double[] scores, boolean[] same, double threshold) {
        checkInputs(scores, same);
        if (scores.length == 0) {
            return Double.NaN;
        }
        int correct = 0;
        for (int i = 0; i < scores.length; i++) {
            if ((scores[i] > threshold) == same[i]) {
                correct++;
            }
        }
        return correct / (double) scores.length;
    }

    /** The accuracy-maximising threshold on these pairs (see the class comment for candidates and ties). */
    public static ThresholdChoice bestThreshold(double[] scores, boolean[] same) {
        checkInputs(scores, same);
        int n = scores.length;
        if (n == 0) {
            throw new IllegalArgumentException("no pairs to choose a threshold on");
        }
        Integer[] order = sortedOrder(scores);
        // distinct scores ascending, with the number of positives and negatives at each
        double[] distinct = new double[n];
        int[] posAt = new int[n];
        int[] negAt = new int[n];
        int m = 0;
        for (int r = 0; r < n; r++) {
            int i = order[r];
            if (r == 0 || scores[i] != distinct[m - 1]) {
                distinct[m++] = scores[i];
            }
            if (same[i]) {
                posAt[m - 1]++;
            } else {
                negAt[m - 1]++;
            }
        }
        int totalPos = count(same, true);
        // candidate c (0..m) accepts distinct[c..m-1]: correct = negatives below c + positives from c on
        int[] correct = new int[m + 1];
        int negBelow = 0;
        int posFrom = totalPos;
        int best = -1;
        for (int c = 0; c <= m; c++) {
            correct[c] = negBelow + posFrom;
            best = Math.max(best, correct[c]);
            if (c < m) {
                negBelow += negAt[c];
                posFrom -= posAt[c];
            }
        }
        List<Integer> ties = new ArrayList<>();
        for (int c = 0; c <= m; c++) {
            if (correct[c] == best) {
                ties.add(c);
            }
        }
        int c = ties.get((ties.size() - 1) / 2);
        double threshold;
        if (c == 0) {
            threshold = Math.nextDown(distinct[0]);
        } else if (c == m) {
            threshold = distinct[m - 1];
        } else {
            double lo = distinct[c - 1];
            double hi = distinct[c];
            double mid = lo + (hi - lo) / 2;
            threshold = mid < hi ? mid : lo; // adjacent doubles: lo itself still splits them
        }
        return new ThresholdChoice(threshold, best / (double) n);
    }

    /** TAR at the given FAR over all pairs (see the class comment). */
    public static TarAtFar tarAtFar(double[] scores, boolean[] same, double far) {
        checkInputs(scores, same);
        if (!(far >= 0 && far <= 1)) {
            throw new IllegalArgumentException("FAR must be in [0, 1], got " + far);
        }
        int negCount = count(same, false);
        int posCount = scores.length - negCount;
        if (negCount == 0 || posCount == 0) {
            throw new IllegalArgumentException("TAR@FAR needs both same and different pairs");
        }
        double[] neg = new double[negCount];
        int j = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < scores.length; i++) {
            min = Math.min(min, scores[i]);
            if (!same[i]) {
                neg[j++] = scores[i];
            }
        }
        Arrays.sort(neg); // ascending: the (k+1)-th highest is neg[negCount - 1 - k]
        // the small epsilon keeps e.g. 0.001 * 3000 = 2.9999999999999996 from flooring to 2
        int allowed = (int) Math.floor(far * negCount + 1e-9);
        double threshold = allowed >= negCount ? Math.nextDown(min) : neg[negCount - 1 - allowed];
        int tp = 0;
        int fp = 0;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > threshold) {
                if (same[i]) {
                    tp++;
                } else {
                    fp++;
                }
            }
        }
        return new TarAtFar(far, tp / (double) posCount, threshold, fp / (double) negCount, allowed, negCount);
    }

    /** ROC points, from (0, 0) (accept nothing) to (1, 1) (accept all), one per distinct score. */
    public static List<RocPoint> roc(double[] scores, boolean[] same) {
        checkInputs(scores, same);
        int pos = count(same, true);
        int neg = scores.length - pos;
        if (pos == 0 || neg == 0) {
            throw new IllegalArgumentException("a ROC curve needs both same and different pairs");
        }
        Integer[] order = sortedOrder(scores);
        List<RocPoint> points = new ArrayList<>();
        points.add(new RocPoint(0, 0, Double.POSITIVE_INFINITY));
        int tp = 0;
        int fp = 0;
        for (int r = scores.length - 1; r >= 0; ) {
            double s = scores[order[r]];
            while (r >= 0 && scores[order[r]] == s) { // a group of tied scores moves together
                if (same[order[r]]) {
                    tp++;
                } else {
                    fp++;
                }
                r--;
            }
            points.add(new RocPoint(fp / (double) neg, tp / (double) pos, s));
        }
        return Collections.unmodifiableList(points);
    }

    /** Trapezoidal area under ROC points ordered by increasing FPR. */
    public static double auc(List<RocPoint> roc) {
        double area = 0;
        for (int i = 1; i < roc.size(); i++) {
            RocPoint a = roc.get(i - 1);
            RocPoint b = roc.get(i);
            area += (b.fpr() - a.fpr()) * (a.tpr() + b.tpr()) / 2;
        }
        return area;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Sample standard deviation (divides by n−1); NaN for fewer than two values. */
    static double sampleStd(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.length - 1));
    }

    private static Integer[] sortedOrder(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(scores[x], scores[y]));
        return order;
    }

    private static int count(boolean[] v, boolean value) {
        int c = 0;
        for (boolean b : v) {
            if (b == value) {
                c++;
            }
        }
        return c;
    }

    private static void checkInputs(double[] scores, boolean[] same) {
        if (scores.length != same.length) {
            throw new IllegalArgumentException("scores and labels differ in length");
        }
        for (int i = 0; i < scores.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is " + scores[i]
                        + "; drop failed pairs (report them as failures) or give them a finite score");
            }
        }
    }
}
