package org.maskface.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.maskface.nn.TfConv2d.Activation;
import org.maskface.nn.TfConv2d.Padding;

/** TfConv2d against a direct loop implementation of TensorFlow's conv2d / depthwise_conv2d. */
class TfConv2dTest {

    /** TF semantics, NHWC in the loops: SAME pads floor(total/2) before, the rest after. */
    static float[] reference(float[] x, int h, int w, int cin, float[] filt, int k, int cout, int stride,
                             boolean same, boolean depthwise, float[] bias) {
        int oh = same ? (h + stride - 1) / stride : (h - k) / stride + 1;
        int ow = same ? (w + stride - 1) / stride : (w - k) / stride + 1;
        int padTop = same ? Math.max((oh - 1) * stride + k - h, 0) / 2 : 0;
        int padLeft = same ? Math.max((ow - 1) * stride + k - w, 0) / 2 : 0;
        float[] out = new float[cout * oh * ow]; // CHW
        for (int co = 0; co < cout; co++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double s = bias[co];
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0; kx < k; kx++) {
                            int iy = oy * stride + ky - padTop;
                            int ix = ox * stride + kx - padLeft;
                            if (iy < 0 || ix < 0 || iy >= h || ix >= w) {
                                continue;
                            }
                            if (depthwise) {
                                s += x[(co * h + iy) * w + ix] * filt[((ky * k + kx) * cin + co)];
                            } else {
                                for (int ci = 0; ci < cin; ci++) {
                                    s += x[(ci * h + iy) * w + ix] * filt[((ky * k + kx) * cin + ci) * cout + co];
                                }
                            }
                        }
                    }
                    out[(co * oh + oy) * ow + ox] = (float) s;
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}x{1} k{2} s{3} same={4} depthwise={5}")
    @CsvSource({
        "8, 8, 3, 2, true, false", "7, 9, 3, 2, true, false", "8, 8, 3, 1, true, false",
        "9, 9, 7, 2, false, false", "8, 8, 3, 2, true, true", "7, 7, 3, 1, true, true", "6, 6, 1, 1, true, false",
    })
    void matchesTensorFlowSemantics(int h, int w, int k, int stride, boolean same, boolean depthwise) {
        int cin = 3;
        int cout = depthwise ? cin : 4;
        Random rnd = new Random(7);
        float[] x = new float[cin * h * w];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextFloat() * 2 - 1;
        }
        float[] filt = new float[k * k * cin * (depthwise ? 1 : cout)];
        for (int i = 0; i < filt.length; i++) {
            filt[i] = rnd.nextFloat() * 2 - 1;
        }
        float[] bias = new float[cout];
        for (int i = 0; i < cout; i++) {
            bias[i] = rnd.nextFloat();
        }
        Padding padding = same ? Padding.SAME : Padding.VALID;
        TfConv2d conv = depthwise ? TfConv2d.depthwise(cin, k, stride, padding, Activation.NONE)
                : TfConv2d.conv(cin, cout, k, stride, padding, Activation.NONE);
        try (NDManager m = NDManager.newBaseManager()) {
            int[] shape = depthwise ? new int[] {k, k, cin, 1} : new int[] {k, k, cin, cout};
            conv.setTfWeights(m, new TfjsWeights.Tensor("f", shape, filt), bias, null, null);
            NDArray in = m.create(x, new Shape(1, cin, h, w));
            NDArray y = conv.forward(new ParameterStore(m, false), new NDList(in), false).singletonOrThrow();
            float[] expected = reference(x, h, w, cin, filt, k, cout, stride, same, depthwise, bias);
            assertEquals(conv.getOutputShapes(new Shape[] {in.getShape()})[0], y.getShape());
            assertArrayEquals(expected, y.toFloatArray(), 1e-4f);
        }
    }
}
