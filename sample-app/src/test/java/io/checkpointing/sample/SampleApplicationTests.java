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

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

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
	void firstRequestComputesAndSecondReadsTheStoredResult() throws Exception {
		JsonNode first = get("/primes?below=10000");
		assertThat(first.get("below").asInt()).isEqualTo(10000);
		assertThat(first.get("count").asLong()).isEqualTo(1229);
		assertThat(first.get("source").asString()).isEqualTo("computed");
		assertThat(first.has("millis")).isTrue();

		JsonNode second = get("/primes?below=10000");
		assertThat(second.get("count").asLong()).isEqualTo(1229);
		assertThat(second.get("source").asString()).isEqualTo("stored");

		try (Stream<Path> files = Files.walk(directory)) {
			assertThat(files).anyMatch((file) -> file.toString().endsWith(".ckpt"));
		}
	}

	@Test
	void differentArgumentsAreComputedSeparately() throws Exception {
		assertThat(get("/primes?below=100").get("count").asLong()).isEqualTo(25);
		JsonNode other = get("/primes?below=1000");
		assertThat(other.get("count").asLong()).isEqualTo(168);
		assertThat(other.get("source").asString()).isEqualTo("computed");
	}

	private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + pathAndQuery))
			.header("Accept", "application/json")
			.GET()
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

}
