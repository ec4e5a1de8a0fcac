package org.maskface.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WorkersTest {

    @Test
    void everyItemOnceEachWorkerOpensAndClosesItsResource() throws Exception {
        List<Integer> items = IntStream.range(0, 500).boxed().toList();
        Map<Integer, Integer> seen = new ConcurrentHashMap<>();
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        Workers.run(items, 3, "test", false, () -> {
            opened.incrementAndGet();
            return (AutoCloseable) closed::incrementAndGet;
        }, (item, resource) -> seen.merge(item, 1, Integer::sum));
        assertEquals(500, seen.size());
        assertEquals(500, seen.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(3, opened.get());
        assertEquals(3, closed.get());
    }

    @Test
    void aFailingItemFailsTheRun() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> Workers.run(List.of(1, 2, 3), 2, "test",
                false, () -> (AutoCloseable) () -> { }, (item, r) -> {
                    if (item == 2) {
                        throw new IllegalStateException("boom");
                    }
                }));
        assertEquals("boom", e.getCause().getMessage());
    }
}
