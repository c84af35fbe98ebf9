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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
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

    /**
     * What a tenant writes reaches the pages as text: an app that prints markup while it builds and runs, and
     * keeps it in a config var, is shown with it in its build log, its live log and its revealed value, and no
     * script of it runs in Chromium (a script would change the page's title or add an image). Config, scale and
     * restart go through the app page's forms, each confirmed with the CLI.
     */
    @Test
    void tenantMarkupStaysTextWhileConfigScaleRestartAndLogsWork() throws Exception {
        Platform platform = Platform.get();
        Shell grace = platform.registerUser("grace");
        String console = platform.controllerUrl() + "/console";
        browser.get(console + "/sign-in");
        browser.manage().deleteAllCookies();
        browser.get(console + "/sign-in");
        type("username", "grace");
        type("password", Platform.PASSWORD);
        submit("Sign in");
        type("name", "markup");
        submit("Create app");
        String remote = text("section.next code").lines().findFirst().orElseThrow();

        Path dir = platform.sample("dockerfile-app", "markup");
        Files.writeString(dir.resolve("Dockerfile"), Files.readString(dir.resolve("Dockerfile"))
                .replace("EXPOSE 8080", "RUN printf 'built %s\\n' \"$(cat /srv/www/markup.txt)\"\nEXPOSE 8080"));
        Files.writeString(dir.resolve("start.sh"), Files.readString(dir.resolve("start.sh"))
                .replace("exec busybox", "printf 'started %s\\n' \"$(cat /srv/www/markup.txt)\"\nexec busybox"));
        // in a file: the markup's quotes reach the output as written, whatever a shell would make of them
        Files.writeString(dir.resolve("www/markup.txt"), MARKUP + "\n");
        platform.commitAll(dir, "markup");
        grace.run(dir, remote.split(" ")).ok();
        grace.run(dir, "git", "push", "paas", "main").ok();

        browser.get(console + "/apps/markup");
        type("config-key", "GREETING");
        type("config-value", MARKUP);
        submit("Set config var (makes a new release)");
        assertTrue(text(".notice").contains("Config var set"), text(".notice"));
        assertEquals(MARKUP, grace.run(dir, "paas", "config:get", "GREETING", "-a", "markup").ok().output().strip());
        assertInert("the app page with GREETING set");
        submit("Reveal GREETING");
        assertTrue(browser.findElement(By.tagName("main")).getText().contains(MARKUP), "the revealed value, as text");
        assertInert("the revealed config value");
        screenshots("app-config-revealed");

        browser.get(console + "/apps/markup");
        type("scale-web", "2");
        submit("Scale web");
        assertTrue(text(".notice").contains("Scaled"), text(".notice"));
        awaitCli(grace, dir, "web.2", "paas", "ps", "-a", "markup");
        String before = grace.run(dir, "paas", "ps", "-a", "markup").ok().output();
        submit("Restart web");
        assertTrue(text(".notice").contains("Restarted"), text(".notice"));
        awaitCli(grace, dir, "Restarting the web processes", "paas", "logs", "-a", "markup", "--source", "platform");
        screenshots("app-scaled");

        browser.get(console + "/apps/markup/builds");
        screenshots("builds");
        browser.findElements(By.cssSelector("main a")).stream().filter(a -> a.getAttribute("href").matches(".*/builds/[^/]+$"))
                .findFirst().orElseThrow(() -> new AssertionError("no build link on " + browser.getPageSource())).click();
        assertTrue(browser.findElement(By.tagName("main")).getText().contains("built " + MARKUP), "the build log, as text");
        assertInert("the build log");
        screenshots("build");

        browser.get(console + "/apps/markup/logs");
        String path = "/followed-" + System.nanoTime();
        platform.shell().run(platform.work, "curl", "-sS", "-o", "/dev/null",
                "http://markup.localhost:" + platform.routerPort() + path).ok();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver ->
                driver.findElement(By.tagName("main")).getText().contains(path));
        assertTrue(browser.findElement(By.tagName("main")).getText().contains("started " + MARKUP), "the app's own line, as text");
        assertInert("the live log");
        screenshots("logs");

        for (String page : new String[] {"metrics", "domains", "access", "router", "activity"}) {
            browser.get(console + "/apps/markup/" + page);
            assertEquals("markup", text("h1"), page);
            assertInert(page);
            screenshots(page);
        }
        submit("Sign out");
        String ps = grace.run(dir, "paas", "ps", "-a", "markup").ok().output();
        assertTrue(ps.contains("web.2") && !ps.equals(before), "restarted: before\n" + before + "\nafter\n" + ps);
    }

    /** Markup that would show itself if run: a script and an image whose error handler both set the title. */
    private static final String MARKUP = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">";

    private static void assertInert(String where) {
        assertTrue(!browser.getTitle().contains("pwned"), where + ": a tenant's script ran");
        assertTrue(browser.findElements(By.cssSelector("img[src='x']")).isEmpty(), where + ": a tenant's image is in the page");
    }

    private static void awaitCli(Shell user, Path dir, String text, String... command) throws InterruptedException {
        String last = "";
        for (int i = 0; i < 150; i++) {
            last = user.run(dir, command).ok().output();
            if (last.contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("never '" + text + "' from " + String.join(" ", command) + ":\n" + last);
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
        wait.until(driver -> isGone(page));
        wait.until(driver -> "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState")));
    }

    /**
     * Whether the page this element was on has been replaced. Mid-navigation, Chromium's driver may
     * answer "Node with given id does not belong to the document" instead of a stale reference (CI,
     * Chromium 156): the same fact, said before the new document is in.
     */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
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
