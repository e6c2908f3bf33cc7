package io.github.gen4j.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.gen4j.compare.JobClaims;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The Train and Compare pages in a real browser, with {@link FakeGen4j} as the gen4j CLI: a training started
 * from the form runs, is stopped with its Stop button (its log shows gen4j's stopping lines) and resumed; a
 * bad field is refused with the server's one line; a comparison shows which job runs and which is done, and
 * its report is shown in its frame with its image loaded.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobsPagesBrowserTest extends BrowserTestBase {

    @TempDir
    static Path tmp;
    static JobClaims.Claim claim;

    @BeforeAll
    static void start() throws Exception {
        startBrowser();
        Path runs = Files.createDirectories(tmp.resolve("runs")).toRealPath();
        claim = ComparisonsHttpTest.comparison(runs.resolve(ComparisonsHttpTest.ID));
        startStudio(StudioConfig.local(runs, 0, FakeGen4j.command()));
        signIn();
    }

    @AfterAll
    static void releaseClaim() {
        claim.release();
    }

    private static String state(String job) {
        return text("#job-state-" + job);
    }

    @Test
    @Order(1)
    void aTrainingStartedFromTheFormStopsAndResumes() {
        go("#/jobs");
        waitFor("the training form", d -> !d.findElements(By.id("job-start")).isEmpty());
        Select family = new Select(driver.findElement(By.id("job-family")));
        family.selectByValue("gan");
        assertTrue(driver.findElement(By.id("job-preset")).isDisplayed(), "a GAN has presets");
        family.selectByValue("vae");
        assertFalse(driver.findElement(By.id("job-preset")).isDisplayed(), "a VAE has none");
        new Select(driver.findElement(By.id("job-size"))).selectByValue("tiny");
        driver.findElement(By.id("job-seed")).sendKeys("5");
        click("#job-start");
        waitFor("job 1 running with its run folder", d -> state("1").equals("running")
                && !d.findElements(By.cssSelector("#jobs-table tr[data-id='1'] a[href^='#/run?id=vae-fake-']")).isEmpty());
        String command = text("#jobs-table tr[data-id='1'] td.command");
        assertTrue(command.startsWith("gen4j train vae --seed 5 --data embedded --widths 8,16"), command);
        shot("jobs-running");

        click("#job-stop-1");
        waitFor("job 1 stopped", d -> state("1").equals("stopped"));
        assertTrue(text("#jobs-table tr[data-id='1']").contains("exit 143"));
        click("#job-log-1");
        waitFor("the log with gen4j's stopping lines", d -> text("#job-log").contains("stopped by a signal"));

        click("#job-resume-1");
        waitFor("job 2 resumes the run", d -> state("2").equals("running"));
        assertTrue(text("#jobs-table tr[data-id='2'] td.command").contains("--resume"));
        click("#job-stop-2");
        waitFor("job 2 stopped", d -> state("2").equals("stopped"));
    }

    @Test
    @Order(2)
    void aBadFieldIsRefusedWithTheServersLine() {
        go("#/jobs");
        waitFor("the training form", d -> !d.findElements(By.id("job-start")).isEmpty());
        WebElement steps = driver.findElement(By.id("job-steps"));
        steps.clear();
        steps.sendKeys("0");
        click("#job-start");
        waitFor("the refusal", d -> notice().equals("steps: expected a whole number in 1..10000000, got 0"));
        assertTrue(all("#jobs-table tr[data-id='3']").isEmpty(), "nothing was started");
    }

    @Test
    @Order(3)
    void aComparisonShowsItsJobsAndItsReport() {
        go("#/compare");
        String row = "#compare-list tr[data-id='" + ComparisonsHttpTest.ID + "']";
        waitFor("the comparison in the list", d -> !all(row).isEmpty());
        assertEquals("running", text(row + " .status"));
        click(row + " a");
        waitFor("its jobs", d -> text("#compare-job-vae-seed1").equals("held"));
        assertEquals("done", text("#compare-job-gan-seed1"));
        assertTrue(text("#compare-progress-text").startsWith("1 of 2 jobs done, running: vae-seed1"));
        assertEquals("allow-same-origin", attribute("#compare-report", "sandbox"));
        driver.switchTo().frame(driver.findElement(By.id("compare-report")));
        try {
            // the image is requested from inside the sandboxed frame: it loads only if the cookie went along
            waitFor("the report's image", d -> Long.valueOf(4).equals(js(
                    "const i = document.getElementById('grid'); return i && i.complete ? i.naturalWidth : -1;")));
        } finally {
            driver.switchTo().defaultContent();
        }
        shot("compare-report");
    }
}
