package io.checkpointing.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts Debian's {@code chromium} headless through its {@code chromium-driver}
 * ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}; {@code CHECKPOINTING_CHROMIUM} and
 * {@code CHECKPOINTING_CHROMEDRIVER} override the paths). Without them the calling test is
 * skipped with how to install them, unless {@code CHECKPOINTING_REQUIRE_SERVICES=true} (set by
 * {@code .ci/run}, which installs them): then it fails.
 */
final class HeadlessChromium {

	private HeadlessChromium() {
	}

	/**
	 * @param width the window's width, in CSS pixels
	 * @param height the window's height
	 * @return a started browser, to be quit by the caller
	 */
	static ChromeDriver start(int width, int height) {
		Path browser = Path.of(System.getenv().getOrDefault("CHECKPOINTING_CHROMIUM", "/usr/bin/chromium"));
		Path driver = Path.of(System.getenv().getOrDefault("CHECKPOINTING_CHROMEDRIVER", "/usr/bin/chromedriver"));
		if (!Files.isExecutable(browser) || !Files.isExecutable(driver)) {
			String message = "No headless browser: " + browser + " or " + driver + " is missing. Install them with"
					+ " 'apt-get install -y chromium chromium-driver', or set CHECKPOINTING_CHROMIUM and"
					+ " CHECKPOINTING_CHROMEDRIVER";
			if (Boolean.parseBoolean(System.getenv("CHECKPOINTING_REQUIRE_SERVICES"))) {
				Assertions.fail(message + " (CHECKPOINTING_REQUIRE_SERVICES=true: a missing browser fails)");
			}
			Assumptions.abort(message);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(browser.toFile());
		// No sandbox: CI runs as root in a container. Nothing in the background reaches the network.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--no-first-run",
				"--window-size=" + width + "," + height);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
			.usingAnyFreePort()
			.withTimeout(Duration.ofMinutes(1))
			.build();
		return new ChromeDriver(service, options);
	}

}
