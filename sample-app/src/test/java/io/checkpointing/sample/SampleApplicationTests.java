package io.checkpointing.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app over real HTTP, with a fresh checkpoint directory. The tests share one
 * application (and so one store and one set of meters), so each uses its own seed and compares
 * counts before and after rather than absolute values.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

	/** Small enough to keep each request in the milliseconds. */
	private static final String SMALL = "&samples=2000&epochs=20";

	@TempDir
	static Path directory;

	private final HttpClient http = HttpClient.newHttpClient();

	private final ObjectMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void checkpointingDirectory(DynamicPropertyRegistry registry) {
		registry.add("checkpointing.directory", () -> directory.toString());
	}

	@Test
	void firstRequestRunsEveryStepAndSecondReadsEveryResultBack() throws Exception {
		JsonNode first = get("/experiment?seed=1" + SMALL);
		assertSteps(first, "miss", "miss", "miss");
		assertThat(first.get("accuracy").asDouble()).isBetween(0.75, 0.95);
		assertThat(first.get("model").get("weights")).hasSize(2);

		JsonNode second = get("/experiment?seed=1" + SMALL);
		assertSteps(second, "hit", "hit", "hit");
		assertThat(second.get("accuracy").asDouble()).isEqualTo(first.get("accuracy").asDouble());
		assertThat(second.get("model")).isEqualTo(first.get("model"));

		try (Stream<Path> files = Files.walk(directory)) {
			assertThat(files).anyMatch((file) -> file.toString().endsWith(".ckpt"));
		}
	}

	@Test
	void newLearningRateTrainsAndEvaluatesAgainButReusesTheData() throws Exception {
		JsonNode first = get("/experiment?seed=2&learningRate=0.1" + SMALL);
		assertSteps(first, "miss", "miss", "miss");

		JsonNode other = get("/experiment?seed=2&learningRate=0.5" + SMALL);
		assertSteps(other, "hit", "miss", "miss");
		assertThat(other.get("model")).isNotEqualTo(first.get("model"));

		assertSteps(get("/experiment?seed=2&learningRate=0.1" + SMALL), "hit", "hit", "hit");
	}

	@Test
	void defaultParametersAreUsedWhenNoneAreGiven() throws Exception {
		// Only checks the echoed defaults against a tiny request: the real defaults take seconds.
		JsonNode response = get("/experiment?seed=3&samples=500&epochs=5");
		assertThat(response.get("learningRate").asDouble()).isEqualTo(0.1);
		assertThat(response.get("samples").asInt()).isEqualTo(500);
		assertThat(response.get("steps").get("train").get("millis").isNumber()).isTrue();
	}

	@Test
	void unusableParametersAreRejected() throws Exception {
		assertThat(send(request("/experiment?samples=0").GET().build()).statusCode()).isEqualTo(400);
		assertThat(send(request("/experiment?learningRate=-1").GET().build()).statusCode()).isEqualTo(400);
	}

	@Test
	void aLearningRateThatWouldTrainANaNModelIsRejectedWithItsReason() throws Exception {
		for (String learningRate : new String[] { "Infinity", "1e308", "NaN" }) {
			HttpResponse<String> response = send(request("/experiment?learningRate=" + learningRate).GET().build());
			assertThat(response.statusCode()).as(learningRate).isEqualTo(400);
			JsonNode problem = this.json.readTree(response.body());
			assertThat(problem.get("status").asInt()).isEqualTo(400);
			assertThat(problem.get("detail").asString()).as(learningRate)
				.contains("0 < learningRate <= 100.0")
				.contains("(was " + Double.parseDouble(learningRate) + ")");
		}
	}

	@Test
	void aParameterThatIsNoNumberIsRejectedWithItsReason() throws Exception {
		HttpResponse<String> response = send(request("/experiment?epochs=many").GET().build());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(response.body()).get("detail").asString()).contains("epochs");
	}

	@Test
	void metricsCountHitsAndTimeSaved() throws Exception {
		get("/experiment?seed=4" + SMALL);
		double hitsBefore = measurement("/actuator/metrics/checkpointing.calls?tag=result:hit");
		double trainHitsBefore = measurement("/actuator/metrics/checkpointing.calls?tag=result:hit&tag=method:Trainer%23train");
		double trainMissesBefore = measurement(
				"/actuator/metrics/checkpointing.calls?tag=result:miss&tag=method:Trainer%23train");

		get("/experiment?seed=4" + SMALL);

		assertThat(measurement("/actuator/metrics/checkpointing.calls?tag=result:hit")).isEqualTo(hitsBefore + 3);
		assertThat(measurement("/actuator/metrics/checkpointing.calls?tag=result:hit&tag=method:Trainer%23train"))
			.isEqualTo(trainHitsBefore + 1);
		assertThat(measurement("/actuator/metrics/checkpointing.calls?tag=result:miss&tag=method:Trainer%23train"))
			.isEqualTo(trainMissesBefore);
		assertThat(measurement("/actuator/metrics/checkpointing.time.saved")).isPositive();
		assertThat(measurement("/actuator/metrics/checkpointing.time.saved?tag=method:Trainer%23train")).isPositive();
	}

	@Test
	void checkpointsEndpointListsTheStepsAndEvictsOne() throws Exception {
		get("/experiment?seed=5" + SMALL);
		JsonNode checkpoints = get("/actuator/checkpoints");
		assertThat(checkpoints.get("backend").asString()).isEqualTo("FilesystemBackend");
		JsonNode methods = checkpoints.get("methods");
		assertThat(methods.has("DatasetGenerator#generate")).isTrue();
		assertThat(methods.has("Trainer#train")).isTrue();
		assertThat(methods.has("Evaluator#evaluate")).isTrue();
		assertThat(methods.get("Trainer#train").get("entries").asInt()).isPositive();

		JsonNode trainEntries = get("/actuator/checkpoints/Trainer%23train");
		assertThat(trainEntries.get("method").asString()).isEqualTo("Trainer#train");
		assertThat(trainEntries.get("entries")).isNotEmpty();

		HttpResponse<String> deleted = send(request("/actuator/checkpoints/Trainer%23train").DELETE().build());
		assertThat(deleted.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(deleted.body()).get("evicted").asInt()).isPositive();

		// Training runs again and gives the same model, so the evaluation is still stored.
		assertSteps(get("/experiment?seed=5" + SMALL), "hit", "miss", "hit");
	}

	@Test
	void healthIncludesTheCheckpointingComponent() throws Exception {
		JsonNode health = get("/actuator/health");
		assertThat(health.get("status").asString()).isEqualTo("UP");
		JsonNode checkpointing = health.get("components").get("checkpointing");
		assertThat(checkpointing.get("status").asString()).isEqualTo("UP");
		assertThat(checkpointing.get("details").get("location").asString()).isEqualTo(directory.toString());
	}

	private void assertSteps(JsonNode response, String generate, String train, String evaluate) {
		JsonNode steps = response.get("steps");
		assertThat(steps.get("generate").get("result").asString()).as("generate").isEqualTo(generate);
		assertThat(steps.get("train").get("result").asString()).as("train").isEqualTo(train);
		assertThat(steps.get("evaluate").get("result").asString()).as("evaluate").isEqualTo(evaluate);
	}

	private double measurement(String pathAndQuery) throws IOException, InterruptedException {
		JsonNode metric = get(pathAndQuery);
		return metric.get("measurements").get(0).get("value").asDouble();
	}

	private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
		HttpResponse<String> response = send(request(pathAndQuery).GET().build());
		assertThat(response.statusCode()).as(pathAndQuery + ": " + response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private HttpRequest.Builder request(String pathAndQuery) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + pathAndQuery))
			.header("Accept", "application/json");
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
