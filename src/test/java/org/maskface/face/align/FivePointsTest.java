package org.maskface.face.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FivePointsTest {

    @Test
    void takesEyeMeansNoseTipAndMouthCornersFrom68() {
        double[][] pts = new double[68][];
        for (int i = 0; i < 68; i++) {
            pts[i] = new double[] {i, 1000 + 2 * i};
        }
        FivePoints five = FivePoints.fromLandmarks68(pts);
        assertArrayEquals(new double[] {38.5, 1077}, five.leftEye(), 1e-12);   // mean of 36..41
        assertArrayEquals(new double[] {44.5, 1089}, five.rightEye(), 1e-12);  // mean of 42..47
        assertArrayEquals(new double[] {30, 1060}, five.noseTip(), 1e-12);
        assertArrayEquals(new double[] {48, 1096}, five.leftMouth(), 1e-12);
        assertArrayEquals(new double[] {54, 1108}, five.rightMouth(), 1e-12);

        float[][] floats = new float[68][];
        for (int i = 0; i < 68; i++) {
            floats[i] = new float[] {i, 1000 + 2 * i};
        }
        assertArrayEquals(five.toArray()[0], FivePoints.fromLandmarks68(floats).toArray()[0], 1e-9);
    }

    @Test
    void rejectsWrongShapes() {
        assertThrows(IllegalArgumentException.class, () -> FivePoints.fromLandmarks68(new double[5][2]));
        assertThrows(IllegalArgumentException.class, () -> FivePoints.fromLandmarks68((double[][]) null));
        double[][] bad = new double[68][2];
        bad[40] = new double[] {1};
        assertThrows(IllegalArgumentException.class, () -> FivePoints.fromLandmarks68(bad));
        assertThrows(IllegalArgumentException.class, () -> new FivePoints(new double[4][2]));
    }

    @Test
    void templateIsTheArcFaceOne() {
        FaceTemplate t = FaceTemplate.ARCFACE_112;
        assertEquals(112, t.size());
        assertArrayEquals(new double[] {38.2946, 51.6963}, t.point(FivePoints.LEFT_EYE));
        assertArrayEquals(new double[] {73.5318, 51.5014}, t.point(FivePoints.RIGHT_EYE));
        assertArrayEquals(new double[] {56.0252, 71.7366}, t.point(FivePoints.NOSE_TIP));
        assertArrayEquals(new double[] {41.5493, 92.3655}, t.point(FivePoints.LEFT_MOUTH));
        assertArrayEquals(new double[] {70.7299, 92.2041}, t.point(FivePoints.RIGHT_MOUTH));
        t.points()[0][0] = -1; // a copy: the template cannot be changed from outside
        assertEquals(38.2946, t.point(0)[0]);
    }
}
