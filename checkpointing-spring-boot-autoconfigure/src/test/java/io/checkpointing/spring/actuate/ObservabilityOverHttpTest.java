package io.checkpointing.spring.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import io.checkpointing.spring.autoconfigure.Work;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/** The endpoint, the health component and the meters as an application serves them. */
class ObservabilityOverHttpTest {

	@TempDir
	Path directory;

	private ConfigurableApplicationContext context;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void start() {
		this.context = new SpringApplicationBuilder(Application.class).run("--server.port=0",
				"--checkpointing.directory=" + this.directory,
				"--management.endpoints.web.exposure.include=checkpoints,health,metrics",
				"--management.endpoint.health.show-details=always");
	}

	@AfterEach
	void stop() {
		this.context.close();
	}

	@Test
	void servesTheEndpointTheHealthComponentAndTheMeters() throws Exception {
		Work work = this.context.getBean(Work.class);
		work.slow(3);
		work.slow(3);
		work.square(4);
		String checkpoints = send("GET", "/actuator/checkpoints");
		assertThat(checkpoints).contains("\"Work#slow\"", "\"hits\":1", "\"defaultSerializer\":\"json\"");
		String slow = send("GET", "/actuator/checkpoints/Work%23slow");
		assertThat(slow).contains("\"method\":\"Work#slow\"", "\"computeDurationMs\"");
		String hits = send("GET", "/actuator/metrics/checkpointing.calls?tag=result:hit");
		assertThat(hits).contains("\"name\":\"checkpointing.calls\"", "\"value\":1.0");
		String saved = send("GET", "/actuator/metrics/checkpointing.time.saved");
		assertThat(saved).contains("\"baseUnit\":\"seconds\"");
		String health = send("GET", "/actuator/health/checkpointing");
		assertThat(health).contains("\"status\":\"UP\"", "\"free\"");
		String evicted = send("DELETE", "/actuator/checkpoints/Work%23slow");
		assertThat(evicted).isEqualTo("{\"evicted\":1}");
		String cleared = send("DELETE", "/actuator/checkpoints");
		assertThat(cleared).isEqualTo("{\"evicted\":1}");
		if (Boolean.getBoolean("printResponses")) {
			System.out.println(String.join("\n", checkpoints, slow, hits, saved, health, evicted, cleared));
		}
	}

	private String send(String method, String path) throws Exception {
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
		return response.body();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		Work work() {
			return new Work();
		}

	}

}
