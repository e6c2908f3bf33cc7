package io.github.gen4j.studio;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Browser tests: one headless Debian chromium per test class, driven through Debian's chromedriver (both
 * from apt: {@code chromium} and {@code chromium-driver}); nothing is downloaded, Selenium Manager is never
 * asked (the driver's path is given), and the browser resolves no host name but the studio's. Without
 * /usr/bin/chromedriver or /usr/bin/chromium the class is skipped, saying so.
 *
 * <p>A subclass's {@code @BeforeAll} calls {@link #startBrowser}, prepares its runs, then calls
 * {@link #startStudio} and {@link #signIn}. {@link #shot} saves a screenshot to target/screenshots, and also
 * to the folder named by {@code -Dstudio.screenshots} when given (the README's pictures).
 */
@ExtendWith(BrowserTestBase.Installed.class)
abstract class BrowserTestBase extends StudioTestBase {

    /** Debian's chromium (another with -Dstudio.chromium=PATH). */
    static final Path CHROMIUM = Path.of(System.getProperty("studio.chromium", "/usr/bin/chromium"));
    /** Debian's chromedriver, of the same version (another with -Dstudio.chromedriver=PATH). */
    static final Path CHROMEDRIVER = Path.of(System.getProperty("studio.chromedriver", "/usr/bin/chromedriver"));
    /** How long the page may take to show something: the studio polls once a second, the machine is shared. */
    static final Duration WAIT = Duration.ofSeconds(40);

    static ChromeDriver driver;
    private static ChromeDriverService service;
    private static Path profile;

    /** Why the browser tests cannot run here, or null when chromium and its driver are installed. */
    static String missing() {
        if (!Files.isExecutable(CHROMEDRIVER)) {
            return "browser tests skipped: " + CHROMEDRIVER + " is missing (Debian: apt-get install chromium-driver)";
        }
        if (!Files.isExecutable(CHROMIUM)) {
            return "browser tests skipped: " + CHROMIUM + " is missing (Debian: apt-get install chromium)";
        }
        return null;
    }

    /** Disables a browser test class, saying why (also on stderr), where chromium or its driver is missing. */
    static final class Installed implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String why = missing();
            if (why == null) {
                return ConditionEvaluationResult.enabled("chromium and chromedriver are installed");
            }
            if (context.getTestMethod().isEmpty()) {
                System.err.println(context.getDisplayName() + ": " + why);
            }
            return ConditionEvaluationResult.disabled(why);
        }
    }

    /** Starts the browser (the class runs only where {@link #missing} is null). */
    static void startBrowser() throws IOException {
        profile = Files.createTempDirectory("gen4j-studio-chromium-");
        Files.createDirectories(Path.of("target"));
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogFile(new File("target/chromedriver.log")).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-domain-reliability", "--disable-dev-shm-usage",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--window-size=1280,1000",
                "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
    }

    @AfterAll
    static void closeBrowser() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
        if (service != null) {
            service.stop();
            service = null;
        }
        if (profile != null) {
            TinyRuns.deleteTree(profile);
            profile = null;
        }
    }

    /** Opens the start URL (the studio swaps its token for a cookie and redirects to the runs page). */
    static void signIn() {
        driver.get(studio.startUrl());
        waitFor("the runs page after signing in", d -> d.getCurrentUrl().equals(studio.baseUrl() + "/")
                && !d.findElements(By.id("runs-table")).isEmpty());
    }

    /** Goes to a page of the studio by its hash ("#/run?id=a"), without reloading it. */
    static void go(String hash) {
        js("location.hash = arguments[0];", hash);
    }

    static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * Waits until {@code condition} holds (a non-null, non-false value); fails saying {@code what}, where the
     * browser is and the studio's error line.
     */
    static <T> T waitFor(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class)
                .withMessage(() -> what + " (at " + driver.getCurrentUrl()
                + ", notice: '" + notice() + "', page: '" + pageText() + "', console: " + consoleErrors() + ")")
                .until(condition);
    }

    /** The browser console's errors since the last call (a script refused by the CSP shows here). */
    static List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(e -> e.getMessage()).toList();
    }

    private static String pageText() {
        String t = String.valueOf(js("return document.body ? document.body.innerText : '';"));
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }

    static List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /**
     * The text of the first element matching {@code css} ("" when there is none), read in one step: the pages
     * redraw parts as events arrive, so an element found a moment earlier may be gone.
     */
    static String text(String css) {
        return String.valueOf(js("const e = document.querySelector(arguments[0]); return e ? e.innerText : '';",
                css));
    }

    /** The {@code name} attribute of the first element matching {@code css}, null when there is none. */
    static String attribute(String css, String name) {
        Object v = js("const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;",
                css, name);
        return v == null ? null : v.toString();
    }

    /** Clicks the element matching {@code css}, again if the page redrew it in between. */
    static void click(String css) {
        waitFor("a click on " + css, d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    /** The studio's error line, empty when there is none: tests print it when the page does not do its part. */
    static String notice() {
        Object n = js("const n = document.getElementById('notice'); return n && !n.hidden ? n.textContent : '';");
        return String.valueOf(n);
    }

    /** Saves a screenshot as target/screenshots/NAME.png (and into -Dstudio.screenshots=DIR when given). */
    static void shot(String name) {
        shot(name, null);
    }

    /** A screenshot with the element {@code css} scrolled to the bottom of the window (null: as it is). */
    static void shot(String name, String css) {
        if (css != null) {
            js("document.querySelector(arguments[0]).scrollIntoView({block: 'end'});", css);
        }
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        try {
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            Files.write(dir.resolve(name + ".png"), png);
            String docs = System.getProperty("studio.screenshots");
            if (docs != null && !docs.isBlank()) {
                Files.write(Files.createDirectories(Path.of(docs)).resolve(name + ".png"), png);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("screenshot " + name + ": " + e.getMessage(), e);
        }
    }
}
