package io.paas.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web console in a real browser (Debian's Chromium, headless, through its chromedriver): sign in, create
 * an app, push to the git remote the page shows, see the release appear, roll back from the page, stay signed
 * in across a controller restart, sign out; each change confirmed with the paas CLI (the API). Screenshots of each page at desktop and phone widths go to
 * target/screenshots.
 */
class ConsoleBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final Dimension DESKTOP = new Dimension(1280, 900);
    private static final Dimension PHONE = new Dimension(390, 844);
    private static WebDriver browser;

    @BeforeAll
    static void startBrowser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromium-driver are not installed (infra/test.sh installs them)");
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // root in a container: no sandbox; /dev/shm may be small
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-extensions", "--no-first-run", "--window-size=1280,900");
        // The driver named here: Selenium Manager never runs, so nothing is downloaded.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void signInCreatePushAndRollBack() throws Exception {
        Platform platform = Platform.get();
        Shell frank = platform.registerUser("frank");
        String console = platform.controllerUrl() + "/console";

        browser.get(console + "/apps");
        assertTrue(browser.getCurrentUrl().endsWith("/console/sign-in"), browser.getCurrentUrl());
        screenshots("sign-in");
        type("username", "frank");
        type("password", "wrong-password");
        submit("Sign in");
        assertTrue(text(".error").contains("Wrong username or password"), text(".error"));
        type("username", "frank");
        type("password", Platform.PASSWORD);
        submit("Sign in");
        assertTrue(browser.getCurrentUrl().endsWith("/console/apps"), browser.getCurrentUrl());

        type("name", "Bad_Name");
        submit("Create app");
        assertTrue(text(".error").contains("Invalid app name"), text(".error"));
        screenshots("apps-create-refused");
        browser.findElement(By.id("name")).clear();
        type("name", "gallery");
        submit("Create app");
        assertTrue(text(".notice").contains("App gallery was created"), text(".notice"));
        String remote = text("section.next code").lines().findFirst().orElseThrow();
        assertTrue(remote.startsWith("git remote add paas http"), remote);
        screenshots("app-created");
        String apps = frank.run(platform.work, "paas", "apps").ok().output();
        assertTrue(apps.contains("gallery"), apps);

        Path dir = platform.sample("static-app", "gallery");
        frank.run(dir, remote.split(" ")).ok();
        frank.run(dir, "git", "push", "paas", "main").ok();
        frank.run(dir, "paas", "config:set", "GREETING=<script>alert(1)</script>", "-a", "gallery").ok();

        browser.get(console + "/apps");
        assertTrue(text("table.apps").contains("gallery"), text("table.apps"));
        screenshots("apps");
        browser.findElement(By.linkText("gallery")).click();
        String releases = text("table.releases");
        assertTrue(releases.contains("v2") && releases.contains("v3"), releases);
        assertTrue(text("table.config").contains("GREETING") && !browser.getPageSource().contains("alert(1)"),
                "the config value stays hidden");
        screenshots("app");

        submit("Roll back to v2");
        assertTrue(text(".notice").contains("v4 is now the current release"), text(".notice"));
        screenshots("app-rolled-back");
        String cli = frank.run(dir, "paas", "releases", "-a", "gallery").ok().output();
        assertTrue(cli.contains("v4") && cli.contains("v2"), cli);
        assertEquals(200, Platform.status(platform.curl("gallery")));

        // the session is a token in the database: the browser stays signed in across a controller restart
        platform.restartController();
        browser.get(console + "/apps/gallery");
        assertTrue(browser.getCurrentUrl().endsWith("/console/apps/gallery") && text("h1").equals("gallery"),
                "after a restart: " + browser.getCurrentUrl());

        submit("Sign out");
        assertTrue(browser.getCurrentUrl().contains("/console/sign-in"), browser.getCurrentUrl());
        browser.get(console + "/apps");
        assertTrue(browser.getCurrentUrl().endsWith("/console/sign-in"), "signed out: " + browser.getCurrentUrl());
    }

    private static void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** The button with this text (a form's own submit button): the browser posts the form. */
    private static void submit(String label) {
        List<WebElement> buttons = browser.findElements(By.xpath("//button[normalize-space(.)='" + label + "']"));
        assertTrue(!buttons.isEmpty(), "no button '" + label + "' on " + browser.getCurrentUrl());
        WebElement page = browser.findElement(By.tagName("html"));
        buttons.get(0).click();
        // the answer is a new page (a 303's target, or the form again with its message): wait until it is in
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(ExpectedConditions.stalenessOf(page));
        wait.until(driver -> "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
    }

    private static String text(String css) {
        List<WebElement> found = browser.findElements(By.cssSelector(css));
        return found.isEmpty() ? "(no " + css + " on " + browser.getCurrentUrl() + ")" : found.get(0).getText();
    }

    /** The page as it is, at desktop then phone width (then back). */
    private static void screenshots(String name) {
        for (Dimension size : List.of(DESKTOP, PHONE)) {
            browser.manage().window().setSize(size);
            Path file = SCREENSHOTS.resolve(name + (size == DESKTOP ? "-desktop" : "-phone") + ".png");
            try {
                Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), file,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        browser.manage().window().setSize(DESKTOP);
    }
}
