package dev.nhiguard.testsupport;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * The machine's headless Chromium, driven through its own ChromeDriver (Debian packages chromium and chromium-driver,
 * which scripts/test-setup.sh installs): a person at the admin console, clicking. Waits are for what the page shows.
 */
public final class Browser implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final WebDriver driver;
    private final Path screenshots;

    public Browser(Path screenshots) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("NHI_CHROMIUM", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,1000", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(executable("NHI_CHROMEDRIVER", "/usr/bin/chromedriver"))).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.screenshots = screenshots;
    }

    private static String executable(String variable, String fallback) {
        String path = System.getenv().getOrDefault(variable, fallback);
        if (!Files.isExecutable(Path.of(path))) {
            throw new IllegalStateException(path + " is missing: run scripts/test-setup.sh (installs chromium and chromium-driver), "
                    + "or point " + variable + " at it");
        }
        return path;
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Fills Keycloak's login form and signs in. */
    public void logIn(String username, String password) {
        visible(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
    }

    public WebElement visible(By by) {
        return await(ExpectedConditions.visibilityOfElementLocated(by), by);
    }

    public void click(By by) {
        await(ExpectedConditions.elementToBeClickable(by), by).click();
    }

    public void awaitText(By by, String text) {
        await(ExpectedConditions.textToBePresentInElementLocated(by, text), by);
    }

    public void awaitGone(By by) {
        await(ExpectedConditions.invisibilityOfElementLocated(by), by);
    }

    /** Waits for what the page should show; when it never does, the screen as it was goes next to the others. */
    private <T> T await(ExpectedCondition<T> condition, By by) {
        try {
            return new WebDriverWait(driver, WAIT).until(condition);
        } catch (TimeoutException e) {
            screenshot("timeout-" + System.currentTimeMillis());
            throw new TimeoutException("waited " + WAIT.toSeconds() + " s for " + by + " on " + driver.getCurrentUrl()
                    + "; the page showed:\n" + pageText(), e);
        }
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    public String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public void screenshot(String name) {
        try {
            Files.createDirectories(screenshots);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
