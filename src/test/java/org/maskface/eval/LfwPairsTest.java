package org.maskface.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.maskface.eval.LfwPairs.FormatException;
import org.maskface.eval.LfwPairs.Pair;

class LfwPairsTest {
    private static final Path ROOT = Path.of("/data/lfw");
    private static final Path SHARED_LFW = Path.of("..", "shared", "data", "lfw150");

    static Path sample() throws URISyntaxException {
        return Path.of(LfwPairsTest.class.getResource("/eval/lfw-pairs-sample.txt").toURI());
    }

    static String error(String... lines) {
        return assertThrows(FormatException.class, () -> LfwPairs.parse(List.of(lines), "p.txt", ROOT)).getMessage();
    }

    @Test
    void parsesTheCommittedSample() throws Exception {
        List<List<Pair>> folds = LfwPairs.parse(sample(), ROOT);
        assertEquals(2, folds.size());
        for (int f = 0; f < 2; f++) {
            assertEquals(6, folds.get(f).size());
            for (int i = 0; i < 6; i++) {
                assertEquals(i < 3, folds.get(f).get(i).same());
                assertEquals(f + 1, folds.get(f).get(i).fold());
            }
        }
        Pair first = folds.get(0).get(0);
        assertEquals(ROOT.resolve("Abel_Pacheco/Abel_Pacheco_0001.jpg"), first.a());
        assertEquals(ROOT.resolve("Abel_Pacheco/Abel_Pacheco_0004.jpg"), first.b());
        Pair mismatched = folds.get(1).get(5);
        assertEquals(ROOT.resolve("Adrien_Brody/Adrien_Brody_0003.jpg"), mismatched.a());
        assertEquals(ROOT.resolve("Damon_Dash/Damon_Dash_0001.jpg"), mismatched.b());
        assertEquals("Adrien_Brody", mismatched.identityA());
        assertEquals("Damon_Dash", mismatched.identityB());
        assertEquals(12, LfwPairs.flatten(folds).size());
        assertEquals(folds.subList(1, 2), LfwPairs.selectFolds(folds, 2, 2));
    }

    @Test
    void parsesTheRealPairsFileAndFindsEveryImage() throws IOException {
        Path pairsTxt = SHARED_LFW.resolve("pairs.txt");
        assumeTrue(Files.isRegularFile(pairsTxt), "shared LFW data not present");
        List<List<Pair>> folds = LfwPairs.parse(pairsTxt, SHARED_LFW);
        assertEquals(10, folds.size());
        assertEquals(6000, LfwPairs.flatten(folds).size());
        Set<String> seenIdentities = new HashSet<>();
        for (int f = 0; f < 10; f++) {
            List<Pair> fold = folds.get(f);
            assertEquals(600, fold.size());
            assertEquals(300, fold.stream().filter(Pair::same).count());
            assertTrue(fold.subList(0, 300).stream().allMatch(Pair::same));
            Set<String> identities = new HashSet<>();
            for (Pair p : fold) {
                assertEquals(f + 1, p.fold());
                assertTrue(Files.isRegularFile(p.a()), "missing " + p.a());
                assertTrue(Files.isRegularFile(p.b()), "missing " + p.b());
                assertEquals(p.same(), p.identityA().equals(p.identityB()));
                identities.add(p.identityA());
                identities.add(p.identityB());
            }
            // LFW's folds are disjoint in identities (what makes "train on 1-5, test on 6-10" honest)
            for (String id : identities) {
                assertFalse(seenIdentities.contains(id), id + " appears in two folds");
            }
            seenIdentities.addAll(identities);
        }
        assertEquals(3000, LfwPairs.flatten(LfwPairs.selectFolds(folds, 6, 10)).size());
    }

    @Test
    void acceptsASingleNumberHeaderAndBlankLines() throws FormatException {
        List<List<Pair>> folds = LfwPairs.parse(List.of("", "1", "A 1 2", "", "A 1 B 1", "  "), "dev.txt", ROOT);
        assertEquals(1, folds.size());
        assertEquals(2, folds.get(0).size());
    }

    @Test
    void malformedFilesGetClearMessages() {
        assertEquals("p.txt: empty file (expected a header like '10 300')", error());
        assertEquals("p.txt:1: header must be '<folds> <pairs per class>' like '10 300', got 'ten 300'", error("ten 300"));
        assertEquals("p.txt:1: header must be '<folds> <pairs per class>' like '10 300', got '0 300'", error("0 300"));
        assertEquals("p.txt:2: expected a matched pair 'Name n1 n2' (fold 1), got 4 fields: 'A 1 B 2'",
                error("1 1", "A 1 B 2", "A 1 B 2"));
        assertEquals("p.txt:3: expected a mismatched pair 'Name1 n1 Name2 n2' (fold 1), got 3 fields: 'A 1 2'",
                error("1 1", "A 1 2", "A 1 2"));
        assertEquals("p.txt:2: image number 'x' is not a positive integer", error("1 1", "A 1 x", "A 1 B 2"));
        assertEquals("p.txt:3: image number '0' is not a positive integer", error("1 1", "A 1 2", "A 0 B 2"));
        assertEquals("p.txt:2: matched pair compares image 3 of A with itself", error("1 1", "A 3 3", "A 1 B 2"));
        assertEquals("p.txt:3: mismatched pair names the same person twice (A)", error("1 1", "A 1 2", "A 1 A 2"));
        assertEquals("p.txt: ends after 3 pairs, but the header promises 2 folds x 2 pairs = 4",
                error("2 1", "A 1 2", "A 1 B 2", "C 1 2"));
        assertEquals("p.txt:4: unexpected line after the 2 pairs the header promises: 'C 1 2'",
                error("1 1", "A 1 2", "A 1 B 2", "C 1 2"));
    }

    @Test
    void selectFoldsChecksItsRange() throws Exception {
        List<List<Pair>> folds = LfwPairs.parse(sample(), ROOT);
        assertThrows(IllegalArgumentException.class, () -> LfwPairs.selectFolds(folds, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> LfwPairs.selectFolds(folds, 2, 3));
    }
}
