package org.maskface.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.maskface.eval.VerificationProtocol.FoldResult;
import org.maskface.eval.VerificationProtocol.Result;
import org.maskface.eval.VerificationProtocol.RocPoint;
import org.maskface.eval.VerificationProtocol.ScoredPair;
import org.maskface.eval.VerificationProtocol.TarAtFar;
import org.maskface.eval.VerificationProtocol.ThresholdChoice;

class VerificationProtocolTest {
    private static final double EPS = 1e-12;

    // Two folds of four pairs; integer scores keep every midpoint exact.
    //   fold 1: 9 same, 6 same, 7 diff, 2 diff
    //   fold 2: 8 same, 4 same, 5 diff, 1 diff
    static final double[] SCORES = {9, 6, 7, 2, 8, 4, 5, 1};
    static final boolean[] SAME = {true, true, false, false, true, true, false, false};
    static final int[] FOLDS = {1, 1, 1, 1, 2, 2, 2, 2};

    @Test
    void crossValidatedAccuracyByHand() {
        Result r = VerificationProtocol.evaluate(SCORES, SAME, FOLDS, 1e-2, 0.25, 0.5);
        // fold 1 is tested with a threshold from fold 2 (1d 4s 5d 8s): thresholds 2.5 and 6.5
        // both get 3 of 4 right; the lower median of the two ties is 2.5. On fold 1 it accepts
        // 9, 6 (right) and 7 (wrong), rejects 2 (right): 3/4.
        FoldResult f1 = r.folds().get(0);
        assertEquals(1, f1.fold());
        assertEquals(2.5, f1.threshold(), EPS);
        assertEquals(0.75, f1.accuracy(), EPS);
        assertEquals(4, f1.pairs());
        // fold 2 with a threshold from fold 1 (2d 6s 7d 9s): 4 and 8 tie, 4 is taken. On fold 2,
        // 8 accepted (right), 4 rejected by the strict rule (wrong), 5 accepted (wrong), 1 rejected: 2/4.
        FoldResult f2 = r.folds().get(1);
        assertEquals(4.0, f2.threshold(), EPS);
        assertEquals(0.5, f2.accuracy(), EPS);
        assertEquals(0.625, r.meanAccuracy(), EPS);
        assertEquals(Math.sqrt(2 * 0.125 * 0.125), r.stdAccuracy(), EPS); // sample std, n-1 = 1

        // all pairs (1d 2d 4s 5d 6s 7d 8s 9s): thresholds 3, 5.5 and 7.5 each get 6/8; middle one wins
        assertEquals(5.5, r.overall().threshold(), EPS);
        assertEquals(0.75, r.overall().accuracy(), EPS);
        assertEquals(8, r.pairs());
        assertEquals(4, r.positives());
        assertEquals(4, r.negatives());
    }

    @Test
    void tarAtFarByHand() {
        Result r = VerificationProtocol.evaluate(SCORES, SAME, FOLDS, 1e-2, 0.25, 0.5);
        // negatives 1 2 5 7. FAR 1e-2 of 4 allows 0 false accepts: threshold = 7, TAR = {8, 9} = 0.5
        TarAtFar strict = r.tarAtFar().get(1e-2);
        assertEquals(7, strict.threshold(), EPS);
        assertEquals(0.5, strict.tar(), EPS);
        assertEquals(0, strict.achievedFar(), EPS);
        assertEquals(0, strict.allowedFalseAccepts());
        // FAR 0.25 allows 1: threshold = 2nd highest negative = 5, TAR = {6, 8, 9} = 0.75, FAR = {7} = 0.25
        TarAtFar quarter = r.tarAtFar().get(0.25);
        assertEquals(5, quarter.threshold(), EPS);
        assertEquals(0.75, quarter.tar(), EPS);
        assertEquals(0.25, quarter.achievedFar(), EPS);
        // FAR 0.5 allows 2: threshold 2, all positives above it
        assertEquals(1.0, r.tarAtFar().get(0.5).tar(), EPS);
        assertEquals(2, r.tarAtFar().get(0.5).threshold(), EPS);
    }

    @Test
    void tiedNegativesAtTheThresholdAreRejected() {
        double[] s = {5, 5, 5, 1, 6, 5};
        boolean[] same = {false, false, false, false, true, true};
        TarAtFar t = VerificationProtocol.tarAtFar(s, same, 0.25); // allows 1 of 4: threshold 5
        assertEquals(5, t.threshold(), EPS);
        assertEquals(0, t.achievedFar(), EPS);  // the three 5s are all rejected
        assertEquals(0.5, t.tar(), EPS);        // only the 6
    }

    @Test
    void tarAtFarFlooringIsExactForRoundCounts() {
        // 0.001 * 3000 must allow exactly 3 false accepts
        int n = 3000;
        double[] s = new double[n + 1];
        boolean[] same = new boolean[n + 1];
        for (int i = 0; i < n; i++) {
            s[i] = i;
        }
        s[n] = 10_000;
        same[n] = true;
        TarAtFar t = VerificationProtocol.tarAtFar(s, same, 1e-3);
        assertEquals(3, t.allowedFalseAccepts());
        assertEquals(2996, t.threshold(), EPS); // 4th highest negative
        assertEquals(3.0 / n, t.achievedFar(), EPS);
    }

    @Test
    void rocAndAucByHand() {
        List<RocPoint> roc = VerificationProtocol.roc(SCORES, SAME);
        double[][] expected = {{0, 0}, {0, .25}, {0, .5}, {.25, .5}, {.25, .75}, {.5, .75}, {.5, 1}, {.75, 1}, {1, 1}};
        assertEquals(expected.length, roc.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i][0], roc.get(i).fpr(), EPS, "fpr " + i);
            assertEquals(expected[i][1], roc.get(i).tpr(), EPS, "tpr " + i);
        }
        assertEquals(9, roc.get(1).threshold(), EPS);
        // 13 of the 16 (positive, negative) combinations are ordered correctly
        assertEquals(13.0 / 16, VerificationProtocol.auc(roc), EPS);
    }

    @Test
    void aucCountsTiesAsHalfAndMatchesBruteForce() {
        assertEquals(0.875, VerificationProtocol.auc(VerificationProtocol.roc(
                new double[] {1, 2, 1, 0}, new boolean[] {true, true, false, false})), EPS);
        Random rng = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            int n = 50 + rng.nextInt(100);
            double[] s = new double[n];
            boolean[] same = new boolean[n];
            for (int i = 0; i < n; i++) {
                same[i] = i % 3 == 0;
                s[i] = rng.nextInt(20) + (same[i] ? 4 : 0); // many ties
            }
            double wins = 0;
            int combos = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (same[i] && !same[j]) {
                        combos++;
                        wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                    }
                }
            }
            assertEquals(wins / combos, VerificationProtocol.auc(VerificationProtocol.roc(s, same)), 1e-12);
        }
    }

    @Test
    void bestThresholdReachesTheBruteForceOptimum() {
        Random rng = new Random(5);
        for (int trial = 0; trial < 50; trial++) {
            int n = 5 + rng.nextInt(60);
            double[] s = new double[n];
            boolean[] same = new boolean[n];
            for (int i = 0; i < n; i++) {
                same[i] = rng.nextBoolean();
                s[i] = Math.round(rng.nextGaussian() * 4 + (same[i] ? 2 : 0)) / 4.0;
            }
            double bruteBest = 0;
            for (int i = 0; i < n; i++) {
                bruteBest = Math.max(bruteBest, VerificationProtocol.accuracy(s, same, s[i]));
                bruteBest = Math.max(bruteBest, VerificationProtocol.accuracy(s, same, Math.nextDown(s[i])));
            }
            ThresholdChoice c = VerificationProtocol.bestThreshold(s, same);
            assertEquals(bruteBest, c.accuracy(), EPS);
            assertEquals(c.accuracy(), VerificationProtocol.accuracy(s, same, c.threshold()), EPS);
        }
    }

    @Test
    void separableDataGetsAThresholdInTheGap() {
        ThresholdChoice c = VerificationProtocol.bestThreshold(new double[] {0.1, 0.2, 0.7, 0.9},
                new boolean[] {false, false, true, true});
        assertEquals(1.0, c.accuracy(), EPS);
        assertEquals(0.45, c.threshold(), 1e-15);
    }

    @Test
    void anySubsetOfFoldsIsCrossValidatedWithinItself() {
        // folds 6..10 only, as when methods train on 1..5
        List<ScoredPair> pairs = new ArrayList<>();
        Random rng = new Random(9);
        for (int fold = 6; fold <= 10; fold++) {
            for (int i = 0; i < 40; i++) {
                boolean same = i < 20;
                pairs.add(new ScoredPair(rng.nextGaussian() + (same ? 2 : 0), same, fold));
            }
        }
        Result r = VerificationProtocol.evaluate(pairs);
        assertEquals(5, r.folds().size());
        assertEquals(List.of(6, 7, 8, 9, 10), r.folds().stream().map(FoldResult::fold).toList());
        assertEquals(200, r.pairs());
        double mean = r.folds().stream().mapToDouble(FoldResult::accuracy).average().orElseThrow();
        assertEquals(mean, r.meanAccuracy(), EPS);
        assertTrue(r.meanAccuracy() > 0.75 && r.meanAccuracy() < 0.95, "accuracy " + r.meanAccuracy());
        assertTrue(r.auc() > 0.85);
        assertEquals(List.of(1e-3, 1e-2), List.copyOf(r.tarAtFar().keySet()));
    }

    @Test
    void scoredPairFromAnLfwPair() {
        LfwPairs.Pair p = new LfwPairs.Pair(java.nio.file.Path.of("A/A_0001.jpg"), java.nio.file.Path.of("B/B_0001.jpg"), false, 7);
        assertEquals(new ScoredPair(0.25, false, 7), ScoredPair.of(p, 0.25));
    }

    @Test
    void deterministic() {
        Result a = VerificationProtocol.evaluate(SCORES, SAME, FOLDS);
        Result b = VerificationProtocol.evaluate(SCORES.clone(), SAME.clone(), FOLDS.clone());
        assertEquals(a, b);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class,
                () -> VerificationProtocol.evaluate(new double[] {1, Double.NaN}, new boolean[] {true, false}, new int[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> VerificationProtocol.evaluate(new double[] {1, 2}, new boolean[] {true, false}, new int[] {1, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> VerificationProtocol.evaluate(new double[] {1, 2}, new boolean[] {true, true}, new int[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> VerificationProtocol.tarAtFar(new double[] {1, 2}, new boolean[] {true, false}, 2));
    }
}
