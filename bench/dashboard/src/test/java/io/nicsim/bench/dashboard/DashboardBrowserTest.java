package io.nicsim.bench.dashboard;

import io.nicsim.bench.results.LiveEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page in real headless Chromium (Debian's chromium and chromedriver, driven by Selenium with both paths given,
 * so nothing is downloaded): one server and one browser for the class, over two real (virtual-time) runs and a live
 * feed the test writes. The run list renders, a live run's chart gains a point per second line, a scenario's error
 * shows at its line, two runs overlay, a finished run opens with its charts and report, a page without the token is
 * refused, and the page logs no error. It takes the README's screenshot, target/dashboard.png. Waits are on the
 * page's state, never sleeps.
 */
@Tag("run")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SELENIUM_CACHE = Path.of(System.getProperty("user.home"), ".cache", "selenium");
    private static final String RUN_A = "20261206-100000-napi";
    private static final String RUN_B = "20261206-100500-coalesce";
    private static final String LIVE = "20261206-110000-live-study";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static Path runs;
    private static Path scenario;
    private static boolean seleniumCacheBefore;
    private static final FakeLauncher LAUNCHER = new FakeLauncher();
    private static DashboardServer server;
    private static WebDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void serveAndBrowse() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("the browser tests drive Debian's chromium through its chromedriver: install both (apt-get install"
                        + " chromium chromium-driver); %s and %s are needed", CHROMIUM, CHROMEDRIVER).isTrue();
        seleniumCacheBefore = Files.exists(SELENIUM_CACHE);
        runs = Files.createDirectories(dir.resolve("runs"));
        TinyRuns.run(runs, RUN_A, "firmware.policy=napi", "host.consumer=platform-thread");
        TinyRuns.run(runs, RUN_B, "firmware.policy=coalesce", "firmware.rxUsecs=20", "host.consumer=platform-thread");
        TinyRuns.append(Files.createDirectories(runs.resolve(LIVE)), TinyRuns.started("live-study"),
                TinyRuns.second("platform-thread", 0));
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        scenario = Files.writeString(scenarios.resolve("ok.yaml"), "name: ok-study\nfirmware:\n  policy: napi\n"
                + "host:\n  consumer: platform-thread\n");
        server = DashboardServer.start(new DashboardServer.Settings(runs, scenarios, "127.0.0.1", 0,
                AccessToken.random(), LAUNCHER, ProcessCheck.SYSTEM));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1500,1400",
                "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, WAIT);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private static WebElement row(String path) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#runs tr[data-path='" + path
                + "']")));
    }

    private static void awaitAttribute(String css, String attribute, String value) {
        wait.until(ExpectedConditions.attributeToBe(By.cssSelector(css), attribute, value));
    }

    @Test
    @Order(1)
    void theRunListRenders() {
        browser.get(server.url());

        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#runs tbody tr"), 3));
        assertThat(row(RUN_A).getText()).contains("napi", "platform-thread: ", "completed");
        assertThat(row(RUN_B).getText()).contains("coalesce");
        assertThat(row(LIVE).getText()).contains("live-study", "live");
        wait.until(ExpectedConditions.textToBe(By.id("access"), "token accepted"));
        assertThat(browser.getCurrentUrl()).as("the token leaves the address bar").doesNotContain("token");
    }

    @Test
    @Order(2)
    void aLiveRunsChartGainsAPointPerSecond() throws Exception {
        row(LIVE).findElement(By.cssSelector("td.folder a")).click();
        awaitAttribute("#live-chart", "data-points", "1");
        assertThat(browser.findElement(By.id("run-state")).getText()).isEqualTo("live");

        TinyRuns.append(runs.resolve(LIVE), TinyRuns.second("platform-thread", 1));
        awaitAttribute("#live-chart", "data-points", "2");
        TinyRuns.append(runs.resolve(LIVE), TinyRuns.second("platform-thread", 2),
                new LiveEvent.PointDone(1, 1, "platform-thread", "0-platform-thread", Map.of("p99Nanos", 22_000L)));
        awaitAttribute("#live-chart", "data-points", "3");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#points tbody tr"), 1));
        assertThat(browser.findElement(By.cssSelector("#live-figures tbody tr")).getText())
                .contains("platform-thread", "2", "19000", "0.97 cores", "40 µs");
        assertThat(browser.findElement(By.cssSelector("#live-chart .u-legend")).getText())
                .contains("p50", "p99", "p99.9");
    }

    @Test
    @Order(4)
    void twoRunsOverlayAndTheScreenshotIsTaken() throws Exception {
        row(RUN_A).findElement(By.cssSelector("input[type=checkbox]")).click();
        row(RUN_B).findElement(By.cssSelector("input[type=checkbox]")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("overlay-button"))).click();

        awaitAttribute("#overlay-curves", "data-series", "2");
        awaitAttribute("#overlay-seconds", "data-series", "2");
        String legend = browser.findElement(By.cssSelector("#overlay-curves .u-legend")).getText();
        assertThat(legend).contains(RUN_A + " · platform-thread", RUN_B + " · platform-thread");
        Long canvases = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.querySelectorAll('#overlay-curves canvas').length");
        assertThat(canvases).isEqualTo(1);

        Path target = Path.of(DashboardBrowserTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent();
        Path png = Files.write(target.resolve("dashboard.png"),
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    @Test
    @Order(5)
    void theEndOfALiveRunShows() throws Exception {
        TinyRuns.append(runs.resolve(LIVE), new LiveEvent.Ended("completed", null));
        wait.until(ExpectedConditions.textToBe(By.id("run-state"), "completed"));
    }

    @Test
    @Order(6)
    void aFinishedRunOpensWithItsChartsAndItsReport() {
        row(RUN_A).findElement(By.cssSelector("td.folder a")).click();

        awaitAttribute("#run-curves", "data-series", "1");
        awaitAttribute("#run-seconds", "data-series", "1");
        assertThat(browser.findElement(By.id("live")).isDisplayed()).isFalse();
        WebElement report = browser.findElement(By.id("run-report"));
        assertThat(report.isDisplayed()).isTrue();
        assertThat(report.getAttribute("href")).endsWith("/runs/" + RUN_A + "/report.html");
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[0];"
                + " fetch(document.getElementById('run-report').href).then(r => done(r.status))");
        assertThat(status).isEqualTo(200L);
        assertThat(browser.getCurrentUrl()).as("a link to the open run").endsWith("#run=" + RUN_A);
    }

    @Test
    @Order(7)
    void aLinkToARunOpensIt() {
        browser.get(server.url() + "#run=" + RUN_B);

        wait.until(ExpectedConditions.textToBe(By.id("run-title"), RUN_B));
        awaitAttribute("#run-curves", "data-series", "1");
        assertThat(row(RUN_B).getAttribute("class")).contains("open");
    }

    @Test
    @Order(3)
    void aScenarioWithAnErrorShowsItAtItsLineAndAGoodOneRuns() {
        new Select(browser.findElement(By.id("scenario-pick"))).selectByValue(scenario.toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("validation"), "ok: " + scenario
                + " (ok-study, napi firmware, consumers platform-thread)"));

        WebElement editor = browser.findElement(By.id("editor"));
        editor.clear();
        editor.sendKeys("name: ok-study\nfirmware:\n  budgit: 64\n");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#gutter div.error[data-line='3']")));
        assertThat(browser.findElement(By.id("validation")).getText()).startsWith("error: "
                + runs.resolve(".dashboard/ok.yaml") + ":3:3: firmware.budgit: unknown key");
        assertThat(browser.findElements(By.cssSelector("#gutter div.error"))).hasSize(1);

        editor.clear();
        editor.sendKeys("name: edited\nfirmware:\n  budget: 64\n");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("validation"), "ok: "));
        assertThat(browser.findElements(By.cssSelector("#gutter div.error"))).isEmpty();
        int before = LAUNCHER.launched.size();
        browser.findElement(By.id("run-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("start-message"), "started: nicsim run "));
        assertThat(LAUNCHER.launched).hasSize(before + 1);
        assertThat(LAUNCHER.last().args).containsSubsequence("run", runs.resolve(".dashboard/ok.yaml").toString(),
                "--live", "--out").contains("--exit-with-parent");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#started tbody tr"), 1));
    }

    @Test
    @Order(8)
    void aPageWithoutTheTokenIsRefused() {
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.get("http://127.0.0.1:" + server.port() + "/");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("access"), "no token"));
        int before = LAUNCHER.launched.size();

        browser.findElement(By.id("run-button")).click();

        wait.until(ExpectedConditions.textToBe(By.id("start-message"), AccessToken.REFUSED));
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[0];"
                + " fetch('/api/start', {method: 'POST', body: '{}'}).then(r => done(r.status))");
        assertThat(status).isEqualTo(403L);
        assertThat(LAUNCHER.launched).hasSize(before);
        if (!seleniumCacheBefore) {
            assertThat(SELENIUM_CACHE).as("Selenium Manager never ran (it caches drivers there)").doesNotExist();
        }
    }

    @Test
    @Order(9)
    void thePageRaisedNoScriptError() {
        List<String> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.contains("403 (Forbidden)")) // the refused requests of the test before
                .toList();
        assertThat(severe).isEmpty();
    }
}
