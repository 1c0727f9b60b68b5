package io.checkpointing.spring.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import io.checkpointing.spring.autoconfigure.Work;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an orchestrator sees of a failing store: an application that still serves correct results
 * stays UP, liveness never looks at the store, and the documented properties make it count.
 */
class HealthOverHttpTest {

	@TempDir
	Path directory;

	private ConfigurableApplicationContext context;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void aFailingStoreUnderWarnLeavesTheApplicationUpAndLivenessAlone() throws Exception {
		start(Files.writeString(this.directory.resolve("file"), "not a directory"));
		assertThat(this.context.getBean(Work.class).square(3)).isEqualTo(9);
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		JsonNode body = this.json.readTree(health.body());
		assertThat(body.path("status").asString()).isEqualTo("UP");
		JsonNode checkpointing = body.path("components").path("checkpointing");
		assertThat(checkpointing.path("status").asString()).isEqualTo("DEGRADED");
		assertThat(checkpointing.path("details").path("failingSince").isMissingNode()).isFalse();
		assertThat(checkpointing.path("details").path("error").asString()).contains("is a file, not a directory");
		HttpResponse<String> liveness = get("/actuator/health/liveness");
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(liveness.body()).doesNotContain("checkpointing");
	}

	@Test
	void theStatusOrderMakesAFailingStoreCount() throws Exception {
		start(Files.writeString(this.directory.resolve("file"), "not a directory"),
				"--management.endpoint.health.status.order=down,out-of-service,degraded,up,unknown",
				"--management.endpoint.health.status.http-mapping.degraded=503");
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(503);
		assertThat(this.json.readTree(health.body()).path("status").asString()).isEqualTo("DEGRADED");
	}

	@Test
	void aFailingStoreUnderRaiseIsDown() throws Exception {
		start(Files.writeString(this.directory.resolve("file"), "not a directory"), "--checkpointing.on-error=raise");
		assertThat(get("/actuator/health").statusCode()).isEqualTo(503);
		assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
	}

	private void start(Path checkpointDirectory, String... more) {
		String[] arguments = { "--server.port=0", "--checkpointing.directory=" + checkpointDirectory,
				"--management.endpoint.health.show-details=always", "--management.endpoint.health.probes.enabled=true",
				"--management.endpoint.health.probes.add-additional-paths=false" };
		String[] all = new String[arguments.length + more.length];
		System.arraycopy(arguments, 0, all, 0, arguments.length);
		System.arraycopy(more, 0, all, arguments.length, more.length);
		this.context = new SpringApplicationBuilder(Application.class).run(all);
	}

	private HttpResponse<String> get(String path) throws Exception {
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
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
