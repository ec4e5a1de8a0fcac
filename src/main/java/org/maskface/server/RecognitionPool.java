package org.maskface.server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.maskface.gallery.Recognizer;
import org.maskface.model.ModelHub;

/**
 * The server's model work: a fixed number of worker threads, each with its own
 * {@link Recognizer} (predictors are not thread-safe), in front of a bounded queue. A request
 * that finds the queue full is refused at once ({@link ApiError#BUSY}) instead of piling up, and
 * one that waits or runs past its deadline is answered {@link ApiError#TIMEOUT}: under overload
 * the server sheds work and stays responsive.
 */
final class RecognitionPool implements AutoCloseable {

    /** Work for one request, run on a worker with that worker's recognizer. */
    @FunctionalInterface
    interface Job<T> {
        T run(Recognizer recognizer) throws Exception;
    }

    private static final class Worker extends Thread {
        private final ModelHub hub;
        private final String method;
        private final List<Recognizer> opened;
        private Recognizer recognizer;

        Worker(Runnable r, String name, ModelHub hub, String method, List<Recognizer> opened) {
            super(r, name);
            this.hub = hub;
            this.method = method;
            this.opened = opened;
            setDaemon(true);
        }

        Recognizer recognizer() {
            if (recognizer == null) {
                recognizer = new Recognizer(hub, method);
                synchronized (opened) {
                    opened.add(recognizer);
                }
            }
            return recognizer;
        }
    }

    private final ThreadPoolExecutor executor;
    private final List<Recognizer> opened = new ArrayList<>();
    private final int workers;
    private final int queue;

    RecognitionPool(ModelHub hub, String method, int workers, int queue) {
        if (workers < 1 || queue < 0) {
            throw new IllegalArgumentException("workers must be >= 1 and queue >= 0, got " + workers + ", " + queue);
        }
        this.workers = workers;
        this.queue = queue;
        int[] n = {0};
        executor = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                queue == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(queue),
                r -> new Worker(r, "recognizer-" + (++n[0]), hub, method, opened), new ThreadPoolExecutor.AbortPolicy());
        warmUp();
    }

    /** Opens every worker's models now, so the first requests are not slow and failures show at start. */
    private void warmUp() {
        CountDownLatch ready = new CountDownLatch(workers);
        List<Future<?>> started = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            started.add(executor.submit(() -> {
                ((Worker) Thread.currentThread()).recognizer();
                ready.countDown();
                ready.await(); // hold this thread so each warm-up task lands on its own worker
                return null;
            }));
        }
        for (Future<?> f : started) {
            try {
                f.get();
            } catch (ExecutionException e) {
                close();
                throw new IllegalStateException("cannot open the models: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while opening the models", e);
            }
        }
    }

    /** A recognizer's description of its gallery (method, model, front end). */
    Recognizer any() {
        synchronized (opened) {
            return opened.get(0);
        }
    }

    int workers() {
        return workers;
    }

    int queueCapacity() {
        return queue;
    }

    /** Requests waiting for a worker now. */
    int waiting() {
        return executor.getQueue().size();
    }

    /** Requests being worked on now. */
    int active() {
        return executor.getActiveCount();
    }

    /**
     * Refuses at once when every worker is busy and the queue is full, so an overloaded server
     * does not spend time reading and parsing uploads it would refuse anyway (a cheap early check;
     * {@link #run} still decides).
     */
    void admit() {
        if (executor.getActiveCount() >= workers && executor.getQueue().remainingCapacity() == 0) {
            throw busy();
        }
    }

    private ApiException busy() {
        return ApiError.BUSY.with("all " + workers + " workers are busy and " + queue
                + " requests are waiting; retry shortly");
    }

    /**
     * Runs {@code job} on a worker and waits for it until {@code deadlineNanos} (System.nanoTime).
     * Exceptions of the job come out unwrapped.
     */
    <T> T run(Job<T> job, long deadlineNanos) throws Exception {
        Future<T> f;
        try {
            f = executor.submit(() -> job.run(((Worker) Thread.currentThread()).recognizer()));
        } catch (RejectedExecutionException e) {
            throw busy();
        }
        try {
            return f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw ApiError.TIMEOUT.with("the request took longer than the server's time limit; retry later");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (opened) {
            opened.forEach(Recognizer::close);
            opened.clear();
        }
    }
}
