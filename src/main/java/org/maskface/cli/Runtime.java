package org.maskface.cli;

/** Process-wide settings that must be fixed before the PyTorch engine starts. */
final class Runtime {

    private Runtime() {
    }

    /**
     * Sets PyTorch's intra-op threads (unless the user set {@code ai.djl.pytorch.num_threads}).
     * Commands that run several workers give each one thread: more would oversubscribe the cores
     * and OpenMP's spin-waiting then costs 10–30× (measured on the 2-core machines).
     */
    static void threads(int intraOp) {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(intraOp));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    /**
     * Changes the intra-op threads of the calling thread after the engine has started (PyTorch
     * keeps this per thread): e.g. one thread per worker for data preparation, then all cores
     * for training on the main thread.
     */
    static void threadsForThisThread(int intraOp) {
        ai.djl.engine.Engine.getEngine("PyTorch");
        ai.djl.pytorch.jni.JniUtils.setNumThreads(intraOp);
    }

    static int cores() {
        return java.lang.Runtime.getRuntime().availableProcessors();
    }
}
