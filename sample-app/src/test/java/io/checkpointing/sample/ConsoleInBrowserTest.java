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

import io.checkpointing.Checkpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
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

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console end to end: the sample app on a random port, the README's three requests, then the
 * page in a real headless Chromium, which shows the three steps in every column with their hits and
 * misses, why training reran, and the chart; reads its state again without a reload; shows an
 * application's markup as text; evicts nothing when the confirmation is dismissed, and one step's
 * entries when it is accepted; and another instance with eviction off offers no button. The
 * screenshot it takes is {@code docs/images/console.png}:
 * {@code target/console.png}, before the eviction.
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

	@Autowired
	private Labels labels;

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

		List<String> columns = read((browser) -> texts(browser.findElements(By.cssSelector("#methods thead th"))));
		assertThat(columns).containsExactly(
				"Method", "Entries", "Bytes", "Hits", "Misses", "Errors", "Hit ratio", "Time saved", "Fingerprint",
				"Version", "Serializer", "TTL", "");
		assertRow("DatasetGenerator#generate", 1, 2, 1);
		assertRow("Trainer#train", 2, 1, 2);
		assertRow("Evaluator#evaluate", 2, 1, 2);
		assertThat(cell("Trainer#train", "bytes")).matches("\\d+ B|\\d+\\.\\d [KMG]iB");
		assertThat(cell("Trainer#train", "errors")).isEqualTo("0");
		assertThat(cell("Trainer#train", "ratio")).isEqualTo("33 %");
		assertThat(cell("Trainer#train", "saved")).matches("\\d+\\.\\d+ (ms|s|min|h)");
		assertThat(cell("Trainer#train", "fingerprint")).matches("[0-9a-f]{8}");
		assertThat(cell("Trainer#train", "version")).isEqualTo("–");
		assertThat(cell("Trainer#train", "serializer")).isEqualTo("json");
		assertThat(cell("Trainer#train", "ttl")).isEqualTo("forever");

		assertThat(trainCalls("td.outcome")).containsExactly("miss", "hit", "miss");
		assertThat(trainCalls("td.explanation").get(0)).contains("argument 1 `learningRate` changed");
		int hitBars = read((browser) -> browser.findElements(By.cssSelector("#chart rect.hits")).size());
		assertThat(hitBars).isPositive();
		assertThat(this.browser.findElements(By.cssSelector("#chart polyline.saved"))).as("the time saved").hasSize(1);
		String warnings = read((browser) -> browser.findElement(By.id("warnings")).getText());
		assertThat(warnings).isEqualTo("None.");

		Path screenshot = Path.of("target", "console.png");
		Files.createDirectories(screenshot.getParent());
		Files.write(screenshot, this.browser.getScreenshotAs(OutputType.BYTES));

		// The page reads its state again by itself, without a reload: what this page set survives.
		this.browser.executeScript("window.stillThisPage = true;");
		// A version is the application's text: shown as text, never run as markup.
		this.labels.label("x");
		wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#methods tr.method"), 4));
		assertThat(this.browser.executeScript("return window.stillThisPage === true;")).isEqualTo(true);
		assertThat(cell("Labels#label", "version")).isEqualTo(Labels.VERSION);
		assertThat(this.browser.findElements(By.cssSelector("#methods img"))).isEmpty();
		assertThat(this.browser.getTitle()).isEqualTo("Checkpoints");

		clickEvict("Trainer#train");
		Alert question = wait.until(ExpectedConditions.alertIsPresent());
		assertThat(question.getText()).startsWith("Evict the 2 stored results of Trainer#train?");
		question.dismiss();
		assertThat(entriesInTheStore("Trainer#train")).as("a dismissed confirmation evicts nothing").isEqualTo(2);
		clickEvict("Trainer#train");
		wait.until(ExpectedConditions.alertIsPresent()).accept();
		wait.until((browser) -> cell("Trainer#train", "entries").equals("0"));
		assertThat(cell("DatasetGenerator#generate", "entries")).isEqualTo("1");
		assertThat(cell("Evaluator#evaluate", "entries")).isEqualTo("2");

		// Training runs again; the evaluation of the same model is still stored.
		assertSteps(experiment(""), "hit", "miss", "hit");
		wait.until((browser) -> cell("Trainer#train", "entries").equals("1"));

		// Another instance on the same store, as the sample app comes (eviction off): no button.
		try (ConfigurableApplicationContext readOnly = new SpringApplicationBuilder(SampleApplication.class).run(
				"--server.port=0", "--spring.main.banner-mode=off", "--checkpointing.directory=" + directory,
				"--checkpointing.console.refresh=1s")) {
			int readOnlyPort = ((WebServerApplicationContext) readOnly).getWebServer().getPort();
			this.browser.get("http://localhost:" + readOnlyPort + "/actuator/checkpointsconsole");
			wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#methods tr.method"), 4));
			assertThat(this.browser.findElements(By.cssSelector("button.evict"))).isEmpty();
			String store = read((browser) -> browser.findElement(By.id("store")).getText());
			assertThat(store).endsWith("read-only");
		}
	}

	private void clickEvict(String method) {
		read((browser) -> {
			row(method).findElement(By.cssSelector("button.evict")).click();
			return true;
		});
	}

	private long entriesInTheStore(String method) throws IOException, InterruptedException {
		for (JsonNode row : get("/actuator/checkpointsconsole?format=json").get("methods")) {
			if (row.get("name").asString().equals(method)) {
				return row.get("entries").asLong();
			}
		}
		throw new AssertionError("No row for " + method);
	}

	private static List<String> texts(List<WebElement> elements) {
		return elements.stream().map(WebElement::getText).toList();
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
		return get("/experiment" + query);
	}

	private JsonNode get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
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

	/** A method whose version is markup, as a hostile or careless application could write it. */
	public static class Labels {

		static final String VERSION = "<img src=x onerror=\"document.title='injected'\">";

		@Checkpoint(version = VERSION)
		public String label(String text) {
			return text;
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class LabelsConfiguration {

		@Bean
		Labels labels() {
			return new Labels();
		}

	}

}
