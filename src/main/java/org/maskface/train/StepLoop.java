package org.maskface.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import me.tongfei.progressbar.ProgressBar;
import org.maskface.util.ProgressBars;

/**
 * The training loop every recipe shares: each step a fresh batch (made on a second thread while
 * the network trains, from the step number alone so data do not depend on timing), forward,
 * loss, backward, optimiser step; the losses are logged to the run (means over the logging
 * window) and shown smoothed on a progress bar,
 * and a held-out check runs every {@code checkEvery} steps (not at the last: the trainer
 * measures in full there).
 */
public final class StepLoop {

    /** A held-out measurement: given the step, measures and returns a line to log. */
    public interface Check {
        String at(int step) throws Exception;
    }

    /** One batch as flat arrays with their shapes. */
    public record Batch(float[] inputs, Shape inputShape, float[] targets, Shape targetShape) {
    }

    /** Consecutive refused updates after which a run is given up: by then the weights themselves are bad. */
    static final int MAX_REFUSED_IN_A_ROW = 20;

    /**
     * Thrown by {@link #update} when a gradient is not finite: the update is refused (gradients
     * cleared, weights and optimiser state untouched) and the loop goes on with the next batch.
     */
    public static final class RefusedUpdate extends RuntimeException {
        RefusedUpdate(String message) {
            super(message, null, false, false);
        }
    }

    private StepLoop() {
    }

    /**
     * Applies the optimiser step of each trainer, unless a gradient of any of them is NaN or
     * infinite: then no trainer steps, their gradients are cleared, and {@link RefusedUpdate}
     * tells the loop (one rare bad batch must not end an hour-long run, nor poison Adam's moments).
     */
    public static void update(Trainer... trainers) {
        for (Trainer t : trainers) {
            double total = 0;
            for (var p : t.getModel().getBlock().getParameters()) {
                NDArray a = p.getValue().getArray();
                if (p.getValue().requiresGradient() && !a.hasGradient()) {
                    throw new IllegalStateException(t.getModel().getName() + "/" + p.getKey() + " trains but has no "
                            + "gradient buffer: was its block initialised (or frozen) after the trainer was made?");
                }
                if (a.hasGradient()) {
                    // closed at once: arrays made from a parameter's gradient live as long as the model
                    try (NDArray g = a.getGradient(); NDArray abs = g.abs(); NDArray sum = abs.sum()) {
                        double v = sum.getFloat();
                        if (!Double.isFinite(v)) {
                            for (Trainer c : trainers) {
                                clearGradients(c);
                            }
                            throw new RefusedUpdate("gradient of " + t.getModel().getName() + "/" + p.getKey()
                                    + " is not finite");
                        }
                        total += v;
                    }
                }
            }
            if (total == 0) {
                throw new IllegalStateException("no gradient reached " + t.getModel().getName()
                        + ": was backward() called on the loss, and is anything unfrozen?");
            }
            skipDjlGradientCheck(t);
        }
        for (Trainer t : trainers) {
            t.step();
        }
    }

    /**
     * DJL's first {@code step()} refuses to run when the <em>signed</em> sum of all gradients is
     * zero — which a softmax classifier's gradients are, exactly, whatever the batch (per sample,
     * Σ_c (p_c − y_c) = 0, for the bias and for every input feature's column). {@link #update} has
     * checked the absolute sum instead; DJL's check is marked done so it cannot stop a sound step.
     */
    private static void skipDjlGradientCheck(Trainer t) {
        try {
            java.lang.reflect.Field f = Trainer.class.getDeclaredField("gradientsChecked");
            f.setAccessible(true);
            f.setBoolean(t, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a DJL without the field: its own check runs, as before
        }
    }

    /**
     * Zeroes the gradients of a trainer's parameters (its step() zeroes only after an update).
     * Assigned, not multiplied: NaN · 0 is NaN, and one NaN left in a gradient buffer would make
     * every later step's gradient NaN too (backward accumulates into it).
     */
    public static void clearGradients(Trainer t) {
        for (var p : t.getModel().getBlock().getParameters()) {
            NDArray a = p.getValue().getArray();
            if (a.hasGradient()) {
                try (NDArray g = a.getGradient()) {
                    g.set(ALL, 0);
                }
            }
        }
    }

    private static final ai.djl.ndarray.index.NDIndex ALL = new ai.djl.ndarray.index.NDIndex("...");

    /** Adam with a linear warm-up from lr/10, then cosine decay to {@code finalLr} at {@code steps}. */
    /** Gradient values are clipped to ±GAN_CLIP in adversarial training: one bad batch must not throw a GAN off. */
    public static final float GAN_CLIP = 1f;

    /**
     * Adam for adversarial training: warm-up to a constant {@code lr}, β1 = 0.5 (the usual GAN
     * setting; momentum otherwise overshoots the moving target), gradients clipped to ±{@link #GAN_CLIP}.
     */
    public static Optimizer ganAdam(float lr, int warmupSteps) {
        Tracker schedule = Tracker.warmUp().optWarmUpSteps(Math.max(1, warmupSteps)).optWarmUpBeginValue(lr / 10)
                .setMainTracker(Tracker.fixed(lr)).build();
        return Adam.builder().optLearningRateTracker(schedule).optBeta1(0.5f).optClipGrad(GAN_CLIP).build();
    }

    public static Optimizer adamWarmupCosine(float lr, float finalLr, int warmupSteps, int steps) {
        return adamWarmupCosine(lr, finalLr, warmupSteps, steps, 0);
    }

    /**
     * As {@link #adamWarmupCosine(float, float, int, int)} for a run resumed after step
     * {@code doneSteps}: the schedule goes on where the stopped run left it.
     */
    public static Optimizer adamWarmupCosine(float lr, float finalLr, int warmupSteps, int steps, int doneSteps) {
        Tracker schedule = Tracker.warmUp().optWarmUpSteps(Math.max(1, warmupSteps)).optWarmUpBeginValue(lr / 10)
                .setMainTracker(Tracker.cosine().setBaseValue(lr).optFinalValue(finalLr)
                        .setMaxUpdates(Math.max(1, steps - warmupSteps)).build())
                .build();
        Tracker resumed = doneSteps == 0 ? schedule : n -> schedule.getNewValue(n + doneSteps);
        return Adam.builder().optLearningRateTracker(resumed).build();
    }

    /**
     * One optimisation step on a batch, for loops with more than one network (a GAN updates its
     * critics and its generator in turn): does its own forward, backward and optimiser steps and
     * returns its losses by name, in a stable order (the first is the one the progress bar shows
     * first). Arrays made on {@code manager} are freed after the step.
     */
    @FunctionalInterface
    public interface Step<B> {
        java.util.Map<String, Double> apply(B batch, NDManager manager) throws Exception;
    }

    /**
     * Runs {@code steps} steps of the usual single-network kind: forward, the trainer's loss,
     * backward, optimiser step (logged as "loss").
     *
     * @param check run every {@code checkEvery} steps
     */
    public static void run(Trainer trainer, int steps, IntFunction<Batch> batches, TrainingRun run, String task,
                           boolean progress, int checkEvery, Check check, Consumer<String> log)
            throws Exception {
        run(trainer.getManager(), steps, batches, (b, sub) -> {
            NDArray x = sub.create(b.inputs(), b.inputShape());
            NDArray y = sub.create(b.targets(), b.targetShape());
            double loss;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray pred = trainer.forward(new NDList(x)).singletonOrThrow();
                NDArray l = trainer.getLoss().evaluate(new NDList(y), new NDList(pred));
                gc.backward(l);
                loss = l.getFloat();
            }
            update(trainer);
            return java.util.Map.of("loss", loss);
        }, run, task, progress, checkEvery, check, log);
    }

    /**
     * Runs {@code steps} steps of {@code step} on the batches: each loss is logged to the run every
     * 10 steps as the mean over those steps (every step, as it is, in runs under 100 steps) and
     * shown live, smoothed (exponential, 0.95), on the progress bar.
     *
     * @param check run every {@code checkEvery} steps
     */
    public static <B> void run(NDManager manager, int steps, IntFunction<B> batches, Step<B> step, TrainingRun run,
                               String task, boolean progress, int checkEvery, Check check, Consumer<String> log)
            throws Exception {
        run(manager, 1, steps, batches, step, run, task, progress, checkEvery, check, 0, null, log);
    }

    /** Saves what a resumed run needs after a step (see {@link TrainingRun#checkpoint}). */
    @FunctionalInterface
    public interface Checkpoint {
        void save(int step) throws Exception;
    }

    /**
     * As {@link #run(NDManager, int, IntFunction, Step, TrainingRun, String, boolean, int, Check, Consumer)},
     * from step {@code firstStep} (a resumed run; batches depend on the step alone, so it sees the
     * data the stopped run would have), saving a checkpoint every {@code checkpointEvery} steps
     * (0: never) and at the last.
     */
    public static <B> void run(NDManager manager, int firstStep, int steps, IntFunction<B> batches, Step<B> step,
                               TrainingRun run, String task, boolean progress, int checkEvery, Check check,
                               int checkpointEvery, Checkpoint checkpoint, Consumer<String> log) throws Exception {
        ExecutorService maker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, task + "-batches");
            t.setDaemon(true);
            return t;
        });
        try (ProgressBar bar = progress
                ? ProgressBars.builder(task, steps).setUpdateIntervalMillis(1000).continuousUpdate().build() : null) {
            if (bar != null && firstStep > 1) {
                bar.stepTo(firstStep - 1L);
            }
            Future<B> next = maker.submit(() -> batches.apply(firstStep - 1));
            java.util.Map<String, Double> smoothed = new java.util.LinkedHashMap<>();
            java.util.Map<String, double[]> window = new java.util.LinkedHashMap<>(); // sum, count since the last log
            int refused = 0;
            int refusedInARow = 0;
            int logEvery = Math.max(1, Math.min(10, steps / 50)); // short runs: every step
            for (int i = firstStep; i <= steps; i++) {
                B b = next.get();
                final int following = i;
                if (i < steps) {
                    next = maker.submit(() -> batches.apply(following));
                }
                java.util.Map<String, Double> losses;
                try (NDManager sub = manager.newSubManager()) {
                    losses = step.apply(b, sub);
                    refusedInARow = 0;
                } catch (RefusedUpdate e) {
                    refused++;
                    run.log(i, "refusedUpdates", refused);
                    log.accept(String.format(Locale.ROOT, "step %d: update refused (%s); %d so far", i, e.getMessage(),
                            refused));
                    if (++refusedInARow >= MAX_REFUSED_IN_A_ROW) {
                        throw new IllegalStateException(task + ": " + refusedInARow
                                + " updates in a row had non-finite gradients, last at step " + i);
                    }
                    if (bar != null) {
                        bar.step();
                    }
                    continue;
                }
                for (var e : losses.entrySet()) {
                    if (!Double.isFinite(e.getValue())) { // nothing good follows: stop now, not hours later
                        throw new IllegalStateException(task + ": loss '" + e.getKey() + "' became " + e.getValue()
                                + " at step " + i);
                    }
                }
                losses.forEach((name, v) -> {
                    smoothed.merge(name, v, (old, x) -> 0.95 * old + 0.05 * x);
                    double[] w = window.computeIfAbsent(name, k -> new double[2]);
                    w[0] += v;
                    w[1]++;
                });
                if (i % logEvery == 0 || i == steps) {
                    for (var e : window.entrySet()) {
                        if (e.getValue()[1] > 0) {
                            run.log(i, e.getKey(), e.getValue()[0] / e.getValue()[1]);
                        }
                    }
                    window.clear();
                }
                if (bar != null) {
                    bar.step();
                    bar.setExtraMessage(" " + describe(smoothed));
                }
                if (i % checkEvery == 0 && i < steps) {
                    log.accept(String.format(Locale.ROOT, "step %d: %s, %s", i, describe(smoothed), check.at(i)));
                }
                boolean pause = i == run.pauseStep(); // also at the last step: a stage's end is a fine place to stop
                if (checkpoint != null && ((checkpointEvery > 0 && i % checkpointEvery == 0) || i == steps || pause)) {
                    checkpoint.save(i);
                }
                if (pause && checkpoint != null) {
                    throw new TrainingRun.Paused(i);
                }
            }
        } finally {
            maker.shutdownNow();
        }
    }

    private static String describe(java.util.Map<String, Double> losses) {
        StringBuilder b = new StringBuilder();
        losses.forEach((name, v) -> b.append(b.length() == 0 ? "" : ", ").append(name)
                .append(String.format(Locale.ROOT, " %.4f", v)));
        return b.toString();
    }
}
