package io.checkpointing.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console end to end: the sample app on a random port, the README's three requests, then the
 * page in a real headless Chromium, which shows the three steps with their hits and misses, why
 * training reran, and evicts one step's entries. The screenshot it takes is
 * {@code docs/images/console.png}: {@code target/console.png}, before the eviction.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "checkpointing.console.enabled=true", "checkpointing.console.eviction-enabled=true",
				"checkpointing.console.refresh=1s" })
class ConsoleInBrowserTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@TempDir
	static Path directory;

	@LocalServerPort
	private int port;

	private ChromeDriver browser;

	@DynamicPropertySource
	static void checkpointingDirectory(DynamicPropertyRegistry registry) {
		registry.add("checkpointing.directory", () -> directory.toString());
	}

	@AfterEach
	void quit() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void showsTheStepsWhyTrainingRanAgainAndEvictsAStep() throws Exception {
		// The README's requests, as they are written there.
		assertSteps(experiment(""), "miss", "miss", "miss");
		assertSteps(experiment(""), "hit", "hit", "hit");
		assertSteps(experiment("?learningRate=0.5"), "hit", "miss", "miss");

		this.browser = HeadlessChromium.start(1400, 1500);
		this.browser.get("http://localhost:" + this.port + "/actuator/checkpointsconsole");
		WebDriverWait wait = new WebDriverWait(this.browser, WAIT);
		wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#methods tr.method"), 3));

		assertRow("DatasetGenerator#generate", 1, 2, 1);
		assertRow("Trainer#train", 2, 1, 2);
		assertRow("Evaluator#evaluate", 2, 1, 2);
		assertThat(cell("Trainer#train", "ratio")).isEqualTo("33 %");
		assertThat(cell("Trainer#train", "fingerprint")).matches("[0-9a-f]{8}");
		assertThat(cell("Trainer#train", "serializer")).isEqualTo("json");

		assertThat(trainCalls("td.outcome")).containsExactly("miss", "hit", "miss");
		assertThat(trainCalls("td.explanation").get(0)).contains("argument 1 `learningRate` changed");
		int hitBars = read((browser) -> browser.findElements(By.cssSelector("#chart rect.hits")).size());
		assertThat(hitBars).isPositive();
		String warnings = read((browser) -> browser.findElement(By.id("warnings")).getText());
		assertThat(warnings).isEqualTo("None.");

		Path screenshot = Path.of("target", "console.png");
		Files.createDirectories(screenshot.getParent());
		Files.write(screenshot, this.browser.getScreenshotAs(OutputType.BYTES));

		read((browser) -> {
			row("Trainer#train").findElement(By.cssSelector("button.evict")).click();
			return true;
		});
		wait.until(ExpectedConditions.alertIsPresent()).accept();
		wait.until((browser) -> cell("Trainer#train", "entries").equals("0"));
		assertThat(cell("DatasetGenerator#generate", "entries")).isEqualTo("1");
		assertThat(cell("Evaluator#evaluate", "entries")).isEqualTo("2");

		// Training runs again; the evaluation of the same model is still stored.
		assertSteps(experiment(""), "hit", "miss", "hit");
		wait.until((browser) -> cell("Trainer#train", "entries").equals("1"));
	}

	private void assertRow(String method, long entries, long hits, long misses) {
		assertThat(cell(method, "entries")).as(method + " entries").isEqualTo(String.valueOf(entries));
		assertThat(cell(method, "hits")).as(method + " hits").isEqualTo(String.valueOf(hits));
		assertThat(cell(method, "misses")).as(method + " misses").isEqualTo(String.valueOf(misses));
	}

	private WebElement row(String method) {
		return this.browser.findElement(By.cssSelector("#methods tr.method[data-method='" + method + "']"));
	}

	private String cell(String method, String column) {
		return read((browser) -> row(method).findElement(By.cssSelector("td." + column)).getText());
	}

	/** @return one column of the recent calls of Trainer#train, newest first */
	private List<String> trainCalls(String column) {
		return read((browser) -> browser
			.findElements(By.cssSelector("section.method-calls[data-method='Trainer#train'] tr.call " + column))
			.stream()
			.map(WebElement::getText)
			.toList());
	}

	/**
	 * Reads the page again if it was redrawn while being read: the page replaces its rows when
	 * its state changes, and an element read just then is stale.
	 */
	private <T> T read(Function<WebDriver, T> reading) {
		return new WebDriverWait(this.browser, WAIT).ignoring(StaleElementReferenceException.class).until(reading);
	}

	private JsonNode experiment(String query) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/experiment" + query))
			.header("Accept", "application/json")
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JsonMapper.builder().build().readTree(response.body());
	}

	private static void assertSteps(JsonNode response, String generate, String train, String evaluate) {
		JsonNode steps = response.get("steps");
		assertThat(steps.get("generate").get("result").asString()).as("generate").isEqualTo(generate);
		assertThat(steps.get("train").get("result").asString()).as("train").isEqualTo(train);
		assertThat(steps.get("evaluate").get("result").asString()).as("evaluate").isEqualTo(evaluate);
	}

}
