package io.github.gen4j.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The Sample, Interpolate and Edit pages in a real browser over {@link TinyRuns#modelRuns}: a sample grid is
 * drawn with its time per image and downloadable images; an interpolation's slider is moved with the keyboard
 * and the mouse and shows that frame; a mask painted with the mouse is inpainted and the result shown beside
 * the original, while an empty mask is refused with the server's one line.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelPagesBrowserTest extends BrowserTestBase {

    @BeforeAll
    static void start() throws Exception {
        startBrowser();
        startStudio(TinyRuns.modelRuns());
        signIn();
    }

    /** Whether the image matching {@code css} has loaded (its naturalWidth is above 0). */
    private static boolean loaded(String css) {
        return Boolean.TRUE.equals(js("const i = document.querySelector(arguments[0]);"
                + " return !!i && !i.hidden && i.complete && i.naturalWidth > 0;", css));
    }

    private static void type(String id, Object value) {
        WebElement input = driver.findElement(By.id(id));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), String.valueOf(value));
    }

    /** Waits for the page's element {@code id} (pages load their runs first). */
    private static void awaitPage(String what, String id) {
        waitFor(what, d -> !d.findElements(By.id(id)).isEmpty());
    }

    /** Fetches {@code url} in the browser (with its cookie): status and content type. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> fetch(String url) {
        return (Map<String, Object>) driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " fetch(arguments[0]).then(r => done({status: r.status, type: r.headers.get('Content-Type'),"
                + " disposition: r.headers.get('Content-Disposition') || ''}))"
                + ".catch(e => done({status: -1, type: String(e)}));", url);
    }

    @Test
    @Order(1)
    void theSamplePageDrawsAGridTimedAndDownloadable() {
        go("#/sample?id=" + TinyRuns.VAE);
        awaitPage("the sample form", "sample-go");
        assertEquals(TinyRuns.VAE, new Select(driver.findElement(By.id("sample-run"))).getFirstSelectedOption()
                .getAttribute("value"));
        type("sample-n", 4);
        type("sample-seed", 7);
        click("#sample-go");
        waitFor("the sample grid loaded", d -> loaded("#sample-grid"));
        waitFor("the time per image", d -> {
            String ms = attribute("#sample-status", "data-ms-per-image");
            return ms != null && Double.parseDouble(ms) > 0;
        });
        assertTrue(text("#sample-status").contains("ms/image"), text("#sample-status"));
        assertTrue(text("#sample-status").startsWith("4 images"), text("#sample-status"));
        assertEquals(4, all("#sample-images figure").size());
        for (int i = 0; i < 4; i++) {
            String href = attribute("#sample-download-" + i, "href");
            assertNotNull(href, "download link " + i);
            assertTrue(href.startsWith("/api/"), href);
            assertNotNull(attribute("#sample-download-" + i, "download"));
            String finalI = String.valueOf(i);
            waitFor("image " + i + " loaded", d -> loaded("#sample-image-" + finalI));
        }
        assertEquals("seed 7", text("#sample-download-0"));
        assertEquals("seed 10", text("#sample-download-3"));
        Map<String, Object> png = fetch(attribute("#sample-download-0", "href"));
        assertEquals(200L, ((Number) png.get("status")).longValue(), png.toString());
        assertEquals("image/png", png.get("type"), png.toString());
        assertTrue(String.valueOf(png.get("disposition")).contains("attachment"), png.toString());
        assertEquals("", notice());
        shot("sample");
    }

    @Test
    @Order(2)
    void theInterpolationSliderShowsTheChosenFrame() {
        go("#/interpolate");
        awaitPage("the interpolate form", "interp-go");
        new Select(driver.findElement(By.id("interp-run"))).selectByValue(TinyRuns.VAE);
        new Select(driver.findElement(By.id("interp-mode"))).selectByValue("seeds");
        type("interp-frames", 6);
        click("#interp-go");
        waitFor("the first frame", d -> loaded("#interp-frame") && "0".equals(attribute("#interp-frame", "data-frame")));
        assertEquals("5", attribute("#interp-slider", "max"));
        assertEquals("frame 1 of 6", text("#interp-frame-label"));
        String first = attribute("#interp-frame", "src");

        WebElement slider = driver.findElement(By.id("interp-slider"));
        slider.sendKeys(Keys.ARROW_RIGHT);
        slider.sendKeys(Keys.ARROW_RIGHT);
        waitFor("two arrow keys move to frame 2", d -> "2".equals(slider.getAttribute("value"))
                && "2".equals(attribute("#interp-frame", "data-frame")));
        assertFalse(first.equals(attribute("#interp-frame", "src")), "another frame's image");
        waitFor("frame 2 loaded", d -> loaded("#interp-frame"));

        // the mouse: a click at the right end of the track picks the last frame, at the left end the first
        new Actions(driver).moveToElement(slider, slider.getSize().getWidth() / 2 - 2, 0).click().perform();
        waitFor("a click at the right end shows frame 5", d -> "5".equals(slider.getAttribute("value"))
                && "5".equals(attribute("#interp-frame", "data-frame")));
        assertEquals("frame 6 of 6", text("#interp-frame-label"));
        new Actions(driver).moveToElement(slider, -slider.getSize().getWidth() / 2 + 2, 0).click().perform();
        waitFor("a click at the left end shows frame 0", d -> "0".equals(slider.getAttribute("value"))
                && "0".equals(attribute("#interp-frame", "data-frame")));
        assertEquals(first, attribute("#interp-frame", "src"));

        for (String link : List.of("#interp-download-strip", "#interp-download-gif")) {
            assertTrue(driver.findElement(By.cssSelector(link)).isDisplayed(), link);
            String href = attribute(link, "href");
            assertNotNull(href, link);
            Map<String, Object> r = fetch(href);
            assertEquals(200L, ((Number) r.get("status")).longValue(), link + ": " + r);
            assertEquals(link.endsWith("gif") ? "image/gif" : "image/png", r.get("type"), link + ": " + r);
        }
        waitFor("the strip and the GIF loaded", d -> loaded("#interp-strip") && loaded("#interp-gif"));
        assertEquals("", notice());
        slider.sendKeys(Keys.ARROW_RIGHT);
        waitFor("frame 1", d -> "1".equals(attribute("#interp-frame", "data-frame")) && loaded("#interp-frame"));
        shot("interpolate");
    }

    @Test
    @Order(3)
    void aMaskPaintedWithTheMouseIsInpaintedBesideTheOriginal() {
        go("#/edit?id=" + TinyRuns.VAE);
        awaitPage("the edit form", "edit-inpaint");
        // only diffusion runs can edit: the VAE asked for in the URL is not offered
        List<String> offered = new Select(driver.findElement(By.id("edit-run"))).getOptions().stream()
                .map(o -> o.getAttribute("value")).toList();
        assertEquals(List.of(TinyRuns.DIFFUSION), offered);
        new Select(driver.findElement(By.id("edit-source"))).selectByValue("heldout");
        type("edit-heldout", 3);
        driver.findElement(By.id("edit-heldout")).sendKeys(Keys.TAB); // 'change' shows that image
        waitFor("held-out image 3 under the canvas", d -> String.valueOf(attribute("#edit-image", "src"))
                .endsWith("index=3") && loaded("#edit-image"));
        new Select(driver.findElement(By.id("edit-method"))).selectByValue("replace");
        type("edit-steps", 10);

        // nothing painted: the server's one line, not a blank page
        click("#edit-inpaint");
        waitFor("the empty mask refused", d -> notice().startsWith("mask: the region to fill is empty"));
        assertTrue(driver.findElement(By.id("edit-results")).getAttribute("hidden") != null, "no result shown");
        assertTrue(driver.findElement(By.id("mask-canvas")).isDisplayed());

        WebElement canvas = driver.findElement(By.id("mask-canvas"));
        new Actions(driver).moveToElement(canvas, -60, -40).clickAndHold()
                .moveByOffset(30, 0).moveByOffset(30, 10).moveByOffset(30, 20).moveByOffset(0, 40).release().perform();
        waitFor("the canvas painted", d -> "true".equals(attribute("#mask-canvas", "data-painted")));
        Number white = (Number) js("const c = document.getElementById('mask-canvas');"
                + " const p = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + " let n = 0; for (let i = 3; i < p.length; i += 4) if (p[i] > 0) n++; return n;");
        assertTrue(white.intValue() > 2000, "painted pixels: " + white);

        click("#edit-inpaint");
        waitFor("the inpainted result", d -> attribute("#edit-result", "data-done") != null && loaded("#edit-result")
                && loaded("#edit-original") && loaded("#edit-input"));
        assertEquals("", notice(), "the empty mask's error is gone once an inpainting succeeds");
        assertTrue(driver.findElement(By.id("edit-original")).isDisplayed());
        assertTrue(driver.findElement(By.id("edit-result")).isDisplayed());
        int originalX = driver.findElement(By.id("edit-original")).getLocation().getX();
        int resultX = driver.findElement(By.id("edit-result")).getLocation().getX();
        assertTrue(resultX > originalX, "the result beside the original: " + originalX + " < " + resultX);
        assertTrue(text("#edit-status").startsWith("done in"), text("#edit-status"));
        assertTrue(text("#edit-results").contains("% to fill"), text("#edit-results"));
        assertTrue(driver.findElement(By.id("edit-download")).isDisplayed());
        shot("inpaint", "#edit-results");
    }
}
