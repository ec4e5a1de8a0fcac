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
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The training loop every recipe shares: each step a fresh batch (made on a second thread while
 * the network trains, from the step number alone so data do not depend on timing), forward,
 * loss, backward, optimiser step; the smoothed loss is logged to the run and a progress bar,
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

    private StepLoop() {
    }

    /** Adam with a linear warm-up from lr/10, then cosine decay to {@code finalLr} at {@code steps}. */
    public static Optimizer adamWarmupCosine(float lr, float finalLr, int warmupSteps, int steps) {
        Tracker schedule = Tracker.warmUp().optWarmUpSteps(warmupSteps).optWarmUpBeginValue(lr / 10)
                .setMainTracker(Tracker.cosine().setBaseValue(lr).optFinalValue(finalLr)
                        .setMaxUpdates(Math.max(1, steps - warmupSteps)).build())
                .build();
        return Adam.builder().optLearningRateTracker(schedule).build();
    }

    /**
     * Runs {@code steps} steps.
     *
     * @param check run every {@code checkEvery} steps
     */
    public static void run(Trainer trainer, int steps, IntFunction<Batch> batches, TrainingRun run, String task,
                           boolean progress, int checkEvery, Check check, Consumer<String> log)
            throws Exception {
        ExecutorService maker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, task + "-batches");
            t.setDaemon(true);
            return t;
        });
        try (ProgressBar bar = progress ? new ProgressBarBuilder().setTaskName(task).setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000).continuousUpdate().build() : null) {
            Future<Batch> next = maker.submit(() -> batches.apply(0));
            double smoothed = Double.NaN;
            for (int step = 1; step <= steps; step++) {
                Batch b = next.get();
                final int following = step;
                if (step < steps) {
                    next = maker.submit(() -> batches.apply(following));
                }
                float loss;
                try (NDManager sub = trainer.getManager().newSubManager()) {
                    NDArray x = sub.create(b.inputs(), b.inputShape());
                    NDArray y = sub.create(b.targets(), b.targetShape());
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDArray pred = trainer.forward(new NDList(x)).singletonOrThrow();
                        NDArray l = trainer.getLoss().evaluate(new NDList(y), new NDList(pred));
                        gc.backward(l);
                        loss = l.getFloat();
                    }
                    trainer.step();
                }
                smoothed = Double.isNaN(smoothed) ? loss : 0.95 * smoothed + 0.05 * loss;
                if (step % 10 == 0 || step == steps) {
                    run.log(step, "loss", smoothed);
                }
                if (bar != null) {
                    bar.step();
                    bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", smoothed));
                }
                if (step % checkEvery == 0 && step < steps) {
                    log.accept(String.format(Locale.ROOT, "step %d: loss %.4f, %s", step, smoothed, check.at(step)));
                }
            }
        } finally {
            maker.shutdownNow();
        }
    }
}
