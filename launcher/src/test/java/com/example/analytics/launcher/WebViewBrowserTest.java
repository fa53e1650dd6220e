package com.example.analytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The web view as a user sees it with {@code --demo}: Debian's Chromium, headless, opens the page and every chart
 * draws data from the running platform. Needs the {@code chromium} and {@code chromium-driver} packages.
 */
class WebViewBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final List<String> CHARTS = List.of("events", "actions", "lag", "products", "trends", "records",
            "alerts");
    private static final Path SCREENSHOT = Path.of("target", "web-view.png");

    @Test
    void everyChartOfTheDemoDrawsDataInHeadlessChromium(@TempDir Path dataDir, @TempDir Path profile)
            throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM),
                "chromium is not installed (" + CHROMIUM + ", Debian package chromium); skipped");
        assumeTrue(Files.isExecutable(CHROMEDRIVER),
                "chromedriver is not installed (" + CHROMEDRIVER + ", Debian package chromium-driver); skipped");
        // A low rate: the demo's first ten minutes of traffic arrive at once, and the test only needs each figure.
        LauncherOptions options = LauncherOptions.parse("--broker-port", "0", "--data-dir", dataDir.toString(),
                "--demo", "--rate", "100", "--ui-port", "0");
        try (Launcher launcher = new Launcher(options,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            launcher.start();
            ChromeDriver browser = headlessChromium(profile);
            try {
                browser.get(launcher.webView().orElseThrow().toString());

                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                        assertThat(pointsPerChart(browser)).as("data points per chart")
                                .allSatisfy((chart, points) -> assertThat(points).as(chart).isPositive()));

                assertThat(browser.findElement(By.id("status")).getText()).startsWith("live");
                Files.write(SCREENSHOT, browser.getScreenshotAs(OutputType.BYTES));
                // Nothing failed to load or threw: the page needs nothing beyond what the launcher serves.
                assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                        .filteredOn(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                        .extracting(LogEntry::getMessage).isEmpty();
            } finally {
                browser.quit();
            }
        }
        assertThat(SCREENSHOT).isNotEmptyFile();
    }

    private static Map<String, Integer> pointsPerChart(ChromeDriver browser) {
        Map<String, Integer> points = new LinkedHashMap<>();
        for (String chart : CHARTS) {
            String drawn = browser.findElement(By.id(chart)).getDomAttribute("data-points");
            points.put(chart, drawn == null ? 0 : Integer.parseInt(drawn));
        }
        return points;
    }

    private static ChromeDriver headlessChromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Without the background-networking switches Chromium keeps calling Google's hosts, which a closed network
        // refuses; running as root (CI containers) needs --no-sandbox.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1400,1300");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(driver, options);
    }
}
