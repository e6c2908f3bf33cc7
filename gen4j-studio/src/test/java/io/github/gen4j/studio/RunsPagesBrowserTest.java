package io.github.gen4j.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The runs table and the run page in a real browser: the table lists, filters and sorts the runs; a run being
 * trained in a background thread updates its step, curves and newest grid without a reload; two runs open
 * side by side with overlaid curves, and the step slider shows each run's newest grid at that step.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunsPagesBrowserTest extends BrowserTestBase {

    @TempDir
    static Path runs;

    @BeforeAll
    static void start() throws Exception {
        startBrowser();
        TinyRuns.copy(TinyRuns.template("vae"), runs, "vae-a"); // grids at steps 2, 4, 6
        TinyRuns.copy(TinyRuns.template("vae-every3"), runs, "vae-b"); // grids at steps 3, 6
        TinyRuns.copy(TinyRuns.template("gan"), runs, "gan-c"); // 4 steps
        Path killed = TinyRuns.copy(TinyRuns.template("vae"), runs, "killed-d");
        long dead = RunsRoutesTest.deadPid();
        RunsRoutesTest.editStatus(killed, s -> s.put("state", "TRAINING").put("pid", dead));
        startStudio(runs);
        signIn();
    }

    /** The run ids in the table, top to bottom. */
    static List<String> rows() {
        Object ids = js("return [...document.querySelectorAll('#runs-table tbody tr')].map(r => r.dataset.id);");
        return ((List<?>) ids).stream().map(String::valueOf).toList();
    }

    @Test
    @Order(1)
    void theRunsTableListsFiltersAndSorts() {
        go("#/");
        waitFor("four runs in the table", d -> rows().size() == 4);
        assertEquals("4 of 4 runs", text("#runs-count"));
        assertEquals("stopped", text("#runs-table tr[data-id='killed-d'] .status"));
        assertEquals("finished", text("#runs-table tr[data-id='gan-c'] .status"));

        WebElement filter = driver.findElement(By.id("runs-filter"));
        filter.sendKeys("gan");
        waitFor("the filter keeps the GAN only", d -> rows().equals(List.of("gan-c")));
        assertEquals("1 of 4 runs", text("#runs-count"));
        filter.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        waitFor("the empty filter shows every run", d -> rows().size() == 4);

        Select status = new Select(driver.findElement(By.id("runs-status")));
        status.selectByValue("stopped");
        waitFor("the status filter keeps the stopped run", d -> rows().equals(List.of("killed-d")));
        status.selectByValue("all");

        click("#runs-table th[data-key='id']");
        waitFor("sorted by id", d -> rows().equals(List.of("gan-c", "killed-d", "vae-a", "vae-b")));
        assertTrue(attribute("#runs-table th[data-key='id']", "class").contains("sorted-asc"));
        click("#runs-table th[data-key='id']");
        waitFor("sorted by id, descending", d -> rows().equals(List.of("vae-b", "vae-a", "killed-d", "gan-c")));
        click("#runs-table th[data-key='step']");
        waitFor("sorted by steps: the 4-step GAN first", d -> rows().get(0).equals("gan-c"));
        shot("runs-table");
    }

    @Test
    @Order(2)
    void aRunBeingTrainedUpdatesWithoutReload() throws Exception {
        try (TinyRuns.LiveRun live = TinyRuns.live(runs, "live-e", "vae",
                TinyRuns.settings(8).sampleEvery(1).evalEvery(2).build())) {
            live.allow(2);
            live.awaitWritten(2, WAIT);
            js("window.studioTestMarker = 'still the same page';");
            go("#/run?id=live-e");
            waitFor("step 2 of 8 in the summary", d -> stepText().startsWith("2 / 8"));
            waitFor("the grid of step 2", d -> "2".equals(gridStep("live-e")));
            String loss = waitFor("a loss curve", d -> chartImage("train:loss"));
            assertEquals("training", text("#run-summary .status"));

            live.allow(5);
            live.awaitWritten(5, WAIT);
            waitFor("step 5 of 8 in the summary", d -> stepText().startsWith("5 / 8"));
            waitFor("the grid of step 5", d -> "5".equals(gridStep("live-e")));
            waitFor("the loss curve redrawn with the new steps", d -> !loss.equals(chartImage("train:loss")));
            assertFalse(all("#run-charts .chart[data-metric^='eval:']").isEmpty(), "held-out curves at steps 2, 4");
            shot("run-live", "#run-grids");

            live.finish(WAIT);
            waitFor("finished at step 8", d -> stepText().startsWith("8 / 8")
                    && text("#run-summary .status").equals("finished"));
            waitFor("the last grid", d -> "8".equals(gridStep("live-e")));
            assertEquals("still the same page", js("return window.studioTestMarker;"), "the page was reloaded");
        }
    }

    @Test
    @Order(3)
    void twoRunsSideBySideWithOverlaidCurvesAndAStepSlider() {
        go("#/");
        waitFor("the runs table", d -> rows().contains("vae-b"));
        click("#runs-table tr[data-id='vae-a'] input[type=checkbox]");
        click("#runs-table tr[data-id='vae-b'] input[type=checkbox]");
        click("#runs-open");
        waitFor("two grids side by side", d -> all("#run-grids .grid").size() == 2);
        waitFor("overlaid curves", d -> !all("#run-charts .chart[data-metric='train:loss'] .u-legend").isEmpty());
        String legend = text("#run-charts .chart[data-metric='train:loss'] .u-legend");
        assertTrue(legend.contains("vae-a") && legend.contains("vae-b"), "legend: " + legend);
        assertEquals(2, all("#run-summary tr[data-id]").size());

        // grids: vae-a at 2, 4, 6; vae-b at 3, 6: the slider walks 2, 3, 4, 6, and starts at the newest
        WebElement slider = driver.findElement(By.id("step-slider"));
        assertEquals("3", attribute("#step-slider", "max"));
        waitFor("both at step 6", d -> "6".equals(gridStep("vae-a")) && "6".equals(gridStep("vae-b")));

        setSlider(0);
        waitFor("step 2: vae-a's grid of step 2, none yet for vae-b", d -> text("#step-label").equals("2")
                && "2".equals(gridStep("vae-a")) && gridStep("vae-b") == null);
        assertEquals("none yet", text("#run-grids .grid[data-id='vae-b'] .muted"));

        setSlider(3);
        waitFor("back at step 6", d -> text("#step-label").equals("6"));
        // the mouse: a click at the left end of the track picks the first step
        new Actions(driver).moveToElement(slider, -slider.getSize().getWidth() / 2 + 2, 0).click().perform();
        waitFor("a click at the left end shows step 2", d -> text("#step-label").equals("2")
                && "2".equals(gridStep("vae-a")));
        // the keyboard
        slider.sendKeys(Keys.ARROW_RIGHT);
        waitFor("the arrow key moves to step 3: vae-a still at 2, vae-b at 3", d -> text("#step-label").equals("3")
                && "2".equals(gridStep("vae-a")) && "3".equals(gridStep("vae-b")));

        setSlider(2);
        waitFor("step 4: vae-a at 4, vae-b still at 3", d -> text("#step-label").equals("4")
                && "4".equals(gridStep("vae-a")) && "3".equals(gridStep("vae-b")));
        shot("runs-compared", "#run-grids");
    }

    private static void setSlider(int index) {
        js("const s = document.getElementById('step-slider'); s.value = arguments[0];"
                + " s.dispatchEvent(new Event('input', {bubbles: true}));", index);
    }

    private static String stepText() {
        return text("#run-summary .run-step");
    }

    /** The step of the grid shown for run {@code id}, null when it shows none. */
    private static String gridStep(String id) {
        return attribute("#run-grids .grid[data-id='" + id + "'] img", "data-step");
    }

    /** The chart of {@code metric} as a PNG data URL, null while there is none. */
    private static String chartImage(String metric) {
        Object url = js("const c = document.querySelector(\"#run-charts .chart[data-metric='\" + arguments[0]"
                + " + \"'] canvas\"); return c ? c.toDataURL() : null;", metric);
        return (String) url;
    }
}
