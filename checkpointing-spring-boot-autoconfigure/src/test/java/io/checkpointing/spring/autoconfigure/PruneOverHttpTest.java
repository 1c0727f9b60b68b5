package io.checkpointing.spring.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import io.checkpointing.key.CallKey;
import io.checkpointing.key.KeyComponent;
import io.checkpointing.store.CacheBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /actuator/checkpoints {"pruneOldCode": true}} as an application serves it. */
class PruneOverHttpTest {

	@TempDir
	Path directory;

	private ConfigurableApplicationContext context;

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void aPostPrunesTheEntriesOfOldCodeAndSaysWhatItReclaimed() throws Exception {
		this.context = new SpringApplicationBuilder(Application.class).run("--server.port=0",
				"--checkpointing.directory=" + this.directory, "--management.endpoints.web.exposure.include=checkpoints");
		CacheBackend backend = this.context.getBean(CacheBackend.class);
		this.context.getBean(Work.class).square(3);
		long current = OldCodeEntries.entriesOf(backend, "Work#square").get(0).header().components().stream()
			.filter((component) -> component.kind() == KeyComponent.Kind.CODE)
			.findFirst()
			.orElseThrow()
			.hash();
		CallKey old = OldCodeEntries.plantOldCode(backend, "Work#square", current + 1);
		long size = OldCodeEntries.entries(backend).get(old).size();

		HttpResponse<String> pruned = post("{\"pruneOldCode\": true}");

		assertThat(pruned.statusCode()).as(pruned.body()).isEqualTo(200);
		assertThat(pruned.body())
			.isEqualTo("{\"pruned\":1,\"bytesReclaimed\":" + size + ",\"methods\":{\"Work#square\":1}}");
		assertThat(OldCodeEntries.entriesOf(backend, "Work#square")).hasSize(1);
		assertThat(post("{}").statusCode()).as("neither operation named").isEqualTo(400);
		assertThat(post("{\"pruneOldCode\": false}").statusCode()).isEqualTo(400);
	}

	private HttpResponse<String> post(String json) throws Exception {
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/checkpoints"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
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
