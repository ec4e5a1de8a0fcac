package org.maskface.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 2-D convolution with TensorFlow's padding semantics, in NCHW.
 *
 * <p>TensorFlow's {@code SAME} padding puts the extra row/column at the bottom/right when the
 * total padding is odd (stride-2 layers on even inputs); PyTorch's symmetric padding would shift
 * every feature map by one pixel, so odd cases are padded explicitly. Ported networks keep their
 * numbers only with this. A per-output-channel affine that follows the convolution in the
 * original graph (batch norm, dlib's "scale" layer) is folded into weight and bias at load time.
 */
public final class TfConv2d extends AbstractBlock {

    public enum Padding { SAME, VALID }

    public enum Activation { NONE, RELU, RELU6 }

    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final int stride;
    private final int groups;
    private final Padding padding;
    private final Activation activation;
    private final Parameter weight;
    private final Parameter bias;

    private TfConv2d(int inChannels, int outChannels, int kernel, int stride, int groups,
                     Padding padding, Activation activation) {
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.groups = groups;
        this.padding = padding;
        this.activation = activation;
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        this.bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
    }

    /** A dense convolution {@code in → out} with a square kernel. */
    public static TfConv2d conv(int in, int out, int kernel, int stride, Padding padding, Activation activation) {
        return new TfConv2d(in, out, kernel, stride, 1, padding, activation);
    }

    /** A depthwise convolution (channel multiplier 1). */
    public static TfConv2d depthwise(int channels, int kernel, int stride, Padding padding, Activation activation) {
        return new TfConv2d(channels, channels, kernel, stride, channels, padding, activation);
    }

    /**
     * Sets the weights from TF.js layout: dense filters {@code [kh, kw, in, out]}, depthwise
     * filters {@code [kh, kw, in, 1]}. {@code scale} (nullable) multiplies each output channel
     * after the bias, {@code shift} (nullable) is added after that: y = (conv + bias)·scale + shift.
     */
    public void setTfWeights(NDManager manager, TfjsWeights.Tensor filters, float[] biasValues,
                             float[] scale, float[] shift) {
        int[] s = filters.shape();
        boolean depthwise = groups > 1;
        int expectedIn = depthwise ? outChannels : inChannels;
        int expectedOut = depthwise ? 1 : outChannels;
        if (s.length != 4 || s[0] != kernel || s[1] != kernel || s[2] != expectedIn || s[3] != expectedOut) {
            throw new IllegalArgumentException("filter " + filters + " does not fit a " + kernel + "x" + kernel
                    + " conv " + inChannels + "->" + outChannels + (depthwise ? " (depthwise)" : ""));
        }
        int cinPerGroup = inChannels / groups;
        float[] w = new float[outChannels * cinPerGroup * kernel * kernel];
        float[] src = filters.values();
        for (int ky = 0; ky < kernel; ky++) {
            for (int kx = 0; kx < kernel; kx++) {
                for (int ci = 0; ci < s[2]; ci++) {
                    for (int co = 0; co < s[3]; co++) {
                        float v = src[((ky * kernel + kx) * s[2] + ci) * s[3] + co];
                        int o = depthwise ? ci : co;
                        int i = depthwise ? 0 : ci;
                        w[((o * cinPerGroup + i) * kernel + ky) * kernel + kx] = v * (scale == null ? 1f : scale[o]);
                    }
                }
            }
        }
        float[] b = new float[outChannels];
        for (int o = 0; o < outChannels; o++) {
            float v = biasValues == null ? 0f : biasValues[o];
            if (scale != null) {
                v *= scale[o];
            }
            if (shift != null) {
                v += shift[o];
            }
            b[o] = v;
        }
        weight.setArray(manager.create(w, new Shape(outChannels, cinPerGroup, kernel, kernel)));
        bias.setArray(manager.create(b, new Shape(outChannels)));
    }

    /** Folds inference-mode batch norm: scale = γ/√(σ²+ε), shift = β − μ·scale. */
    public static float[][] batchNormAsAffine(float[] gamma, float[] beta, float[] mean, float[] variance, float eps) {
        int n = gamma.length;
        float[] scale = new float[n];
        float[] shift = new float[n];
        for (int i = 0; i < n; i++) {
            scale[i] = (float) (gamma[i] / Math.sqrt(variance[i] + eps));
            shift[i] = beta[i] - mean[i] * scale[i];
        }
        return new float[][] {scale, shift};
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = store.getValue(bias, x.getDevice(), training);
        int padH = 0;
        int padW = 0;
        if (padding == Padding.SAME) {
            int[] ph = samePadding(x.getShape().get(2));
            int[] pw = samePadding(x.getShape().get(3));
            if (ph[0] == ph[1] && pw[0] == pw[1]) {
                padH = ph[0];
                padW = pw[0];
            } else {
                // (left, right, top, bottom): the last axis first, as torch.nn.functional.pad
                x = x.pad(new Shape(pw[0], pw[1], ph[0], ph[1]), 0);
            }
        }
        NDArray y = Conv2d.conv2d(x, w, b, new Shape(stride, stride), new Shape(padH, padW),
                new Shape(1, 1), groups).singletonOrThrow();
        switch (activation) {
            case RELU -> y = ai.djl.nn.Activation.relu(y);
            case RELU6 -> y = y.clip(0f, 6f);
            default -> { }
        }
        return new NDList(y);
    }

    /** TensorFlow SAME padding {before, after} along one axis of length {@code in}. */
    int[] samePadding(long in) {
        long out = (in + stride - 1) / stride;
        long total = Math.max((out - 1) * stride + kernel - in, 0);
        long before = total / 2;
        return new int[] {(int) before, (int) (total - before)};
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long h = outSize(in.get(2));
        long w = outSize(in.get(3));
        return new Shape[] {new Shape(in.get(0), outChannels, h, w)};
    }

    private long outSize(long in) {
        return padding == Padding.SAME ? (in + stride - 1) / stride : (in - kernel) / stride + 1;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // no children
    }

    public int outChannels() {
        return outChannels;
    }

    @Override
    public String toString() {
        return "TfConv2d(" + inChannels + "->" + outChannels + ", k" + kernel + ", s" + stride
                + (groups > 1 ? ", depthwise" : "") + ", " + padding + ", " + activation + ")";
    }
}
