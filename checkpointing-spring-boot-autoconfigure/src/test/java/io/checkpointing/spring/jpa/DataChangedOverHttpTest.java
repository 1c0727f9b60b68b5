package io.checkpointing.spring.jpa;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;

import io.checkpointing.spring.jpa.clinic.ClinicApplication;
import io.checkpointing.spring.jpa.clinic.Vet;
import io.checkpointing.spring.jpa.clinic.VetReport;
import io.checkpointing.spring.jpa.clinic.VetRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code checkpoints} endpoint's data change over HTTP: after SQL that JPA does not see, a
 * {@code POST} naming the entity type makes the report on it run again.
 */
class DataChangedOverHttpTest {

	@TempDir
	Path directory;

	private ConfigurableApplicationContext context;

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void aPostNamingAnEntityTypeMovesItsDataVersion() throws Exception {
		this.context = new SpringApplicationBuilder(ClinicApplication.class).run("--server.port=0",
				"--spring.autoconfigure.exclude=", "--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
				"--spring.jpa.hibernate.ddl-auto=create-drop", "--spring.jpa.open-in-view=false",
				"--checkpointing.directory=" + this.directory,
				"--management.endpoints.web.exposure.include=checkpoints");
		VetReport report = this.context.getBean(VetReport.class);
		this.context.getBean(VetRepository.class).save(new Vet("Ada"));
		assertThat(report.names()).containsExactly("Ada");
		this.context.getBean(JdbcTemplate.class).update("update vet set name = 'ADA'");
		assertThat(report.names()).containsExactly("Ada");
		String moved = post("/actuator/checkpoints", "{\"dataChanged\": \"" + Vet.class.getName() + "\"}");
		assertThat(moved).isEqualTo("{\"dataChanged\":\"" + Vet.class.getName() + "\"}");
		assertThat(report.names()).containsExactly("ADA");
		assertThat(report.runs()).isEqualTo(2);
	}

	private String post(String path, String json) throws Exception {
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("POST " + path + ": " + response.body()).isEqualTo(200);
		return response.body();
	}

}
