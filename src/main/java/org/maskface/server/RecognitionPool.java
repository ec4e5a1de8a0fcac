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
 *
 * <p>A timed-out job is never interrupted: an interrupt landing in the gallery's file I/O closes
 * Lucene's writer and releases its lock (every later write failed, and another process could
 * write the same gallery). Instead the job learns from its {@link Ticket} that nobody waits for it
 * and stops at the next safe point; a job that has begun its gallery write is let finish, and the
 * request is answered with its real outcome. So a timeout answer means nothing was written.
 */
final class RecognitionPool implements AutoCloseable {

    /** Work for one request, run on a worker with that worker's recognizer and the request's ticket. */
    @FunctionalInterface
    interface Job<T> {
        T run(Recognizer recognizer, Ticket ticket) throws Exception;
    }

    /**
     * Between a request and its job: the request gives up at its deadline unless the job has begun
     * writing, and the job writes only if the request has not given up (one atomic state, so the two
     * cannot both win).
     */
    static final class Ticket implements Recognizer.Gate {
        private static final int RUNNING = 0;
        private static final int WRITING = 1;
        private static final int ABANDONED = 2;
        private final java.util.concurrent.atomic.AtomicInteger state =
                new java.util.concurrent.atomic.AtomicInteger(RUNNING);

        @Override
        public boolean abandoned() {
            return state.get() == ABANDONED;
        }

        @Override
        public boolean beginWrite() {
            return state.compareAndSet(RUNNING, WRITING);
        }

        /** The request gives up; false when the job is already writing (the request then waits for it). */
        boolean abandon() {
            return state.compareAndSet(RUNNING, ABANDONED);
        }
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
        Ticket ticket = new Ticket();
        Future<T> f;
        try {
            f = executor.submit(() -> {
                if (ticket.abandoned()) {
                    throw new Recognizer.Abandoned();
                }
                return job.run(((Worker) Thread.currentThread()).recognizer(), ticket);
            });
        } catch (RejectedExecutionException e) {
            throw busy();
        }
        try {
            try {
                return f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (ticket.abandon()) {
                    f.cancel(false); // a job still in the queue never starts; a running one is not interrupted
                    throw ApiError.TIMEOUT.with("the request took longer than the server's time limit; nothing was "
                            + "written; retry later");
                }
                return f.get(); // the job is writing: its write completes and the request gets its outcome
            }
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
