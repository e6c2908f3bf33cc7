package io.github.gen4j.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gen4j.train.LoadedRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The model worker: one request at a time, a bounded queue, two models kept loaded. */
class ModelsTest {

    final RunIds ids = new RunIds(TinyRuns.modelRuns());

    Path run(String id) {
        return ids.resolve(id);
    }

    Path newest(String id) {
        return Models.checkpoint(ids, run(id), null);
    }

    @Test
    void requestsBeyondTheQueueGet429AndTheQueuedOnesStillRun() throws Exception {
        Models models = new Models();
        ExecutorService callers = Executors.newFixedThreadPool(Models.QUEUE + 1);
        try {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            List<Future<Integer>> calls = new ArrayList<>();
            calls.add(callers.submit(() -> models.run(run(TinyRuns.VAE), newest(TinyRuns.VAE), m -> {
                started.countDown();
                assertTrue(release.await(60, TimeUnit.SECONDS));
                return 0;
            })));
            assertTrue(started.await(60, TimeUnit.SECONDS));
            for (int i = 1; i <= Models.QUEUE; i++) {
                int k = i;
                calls.add(callers.submit(() -> models.run(run(TinyRuns.VAE), newest(TinyRuns.VAE), m -> k)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (models.waiting() < Models.QUEUE && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            StudioException busy = assertThrows(StudioException.class,
                    () -> models.run(run(TinyRuns.VAE), newest(TinyRuns.VAE), m -> -1));
            assertEquals(429, busy.status());
            assertTrue(busy.getMessage().startsWith("the studio is busy"), busy.getMessage());
            release.countDown();
            for (int i = 0; i < calls.size(); i++) {
                assertEquals(i, calls.get(i).get(60, TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdownNow();
            models.close();
        }
    }

    @Test
    void twoModelsStayLoadedTheLeastRecentlyUsedIsClosedAndCloseClosesTheRest() {
        Models models = new Models();
        LoadedRun vae = models.run(run(TinyRuns.VAE), newest(TinyRuns.VAE), m -> m);
        LoadedRun gan = models.run(run(TinyRuns.GAN), newest(TinyRuns.GAN), m -> m);
        assertSame(vae, models.run(run(TinyRuns.VAE), newest(TinyRuns.VAE), m -> m), "kept loaded");
        LoadedRun diffusion = models.run(run(TinyRuns.DIFFUSION), newest(TinyRuns.DIFFUSION), m -> m);
        assertFalse(gan.manager().isOpen(), "the least recently used is closed");
        assertTrue(vae.manager().isOpen());
        models.close();
        assertFalse(vae.manager().isOpen());
        assertFalse(diffusion.manager().isOpen());
        assertEquals(503, assertThrows(StudioException.class,
                () -> models.run(run(TinyRuns.VAE), newest(TinyRuns.VAE), m -> m)).status());
    }

    @Test
    void failuresOfModelWorkBecomeOneLineStatuses() {
        assertEquals(400, Models.translate(new IllegalArgumentException("--steps 9: too many")).status());
        assertEquals("steps 9: too many", Models.translate(new IllegalArgumentException("--steps 9: too many"))
                .getMessage());
        assertEquals(503, Models.translate(new OutOfMemoryError()).status());
        assertEquals(500, Models.translate(new IllegalStateException("a\nb")).status());
        assertEquals("IllegalStateException: a b", Models.translate(new IllegalStateException("a\nb")).getMessage());
    }
}
