package org.maskface.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ProgressBar;
import org.maskface.util.ProgressBars;

/**
 * Runs a job over many items on a few workers. Each worker opens its own resource (pipelines and
 * predictors are not thread-safe) and takes the next item until none is left; a progress bar
 * counts the items done.
 */
public final class Workers {

    /** Work on one item with the worker's resource. */
    @FunctionalInterface
    public interface Job<T, R> {
        void process(T item, R resource) throws Exception;
    }

    private Workers() {
    }

    public static <T, R extends AutoCloseable> void run(List<T> items, int workers, String task, boolean progress,
                                                 Callable<R> openResource, Job<T, R> job) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try (ProgressBar bar = progress ? ProgressBars.builder(task, items.size()).setUpdateIntervalMillis(1000).continuousUpdate().build() : null) {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    try (R resource = openResource.call()) {
                        int i;
                        while ((i = next.getAndIncrement()) < items.size()) {
                            job.process(items.get(i), resource);
                            if (bar != null) {
                                bar.step();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
