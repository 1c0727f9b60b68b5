package io.checkpointing.spring.jpa;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import io.checkpointing.Checkpoints;
import io.checkpointing.spring.jpa.clinic.ClinicApplication;
import io.checkpointing.spring.jpa.clinic.Owner;
import io.checkpointing.spring.jpa.clinic.OwnerRepository;
import io.checkpointing.spring.jpa.clinic.Specialty;
import io.checkpointing.spring.jpa.clinic.SpecialtyRepository;
import io.checkpointing.spring.jpa.clinic.Vet;
import io.checkpointing.spring.jpa.clinic.VetAdministration;
import io.checkpointing.spring.jpa.clinic.VetReport;
import io.checkpointing.spring.jpa.clinic.VetRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A method that reads vets through their repository: writes of vets by this application move
 * the vets' data version, so the next call reruns; writes of owners do not, so it hits. Writes
 * JPA does not see move it when the application says so ({@code Checkpoints.dataChanged},
 * {@code @CheckpointEvict}), or when a {@code POST} to the {@code checkpoints} endpoint names the
 * entity type.
 *
 * <p>One application for the class (a full Spring Boot start with JPA costs seconds of CPU); each
 * case starts as a fresh application would: no rows, none of the report's results stored, its
 * runs counted from 0. The reset evicts the report's results only: the data versions stay in the
 * store, as in a running application (clearing the whole store would remove them, and a version
 * that is read again after its refresh interval and found missing moves, a rerun the case does
 * not expect).
 */
class DataVersionsTest {

	@TempDir
	static Path store;

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void startTheClinic() {
		context = new SpringApplicationBuilder(ClinicApplication.class).run(arguments().toArray(String[]::new));
	}

	@AfterAll
	static void stopTheClinic() {
		if (context != null) {
			context.close();
		}
	}

	/** Rows deleted through JPA (which moves the versions of what had rows), the report's results evicted. */
	@BeforeEach
	void resetTheClinic() {
		context.getBean(VetRepository.class).deleteAll();
		context.getBean(SpecialtyRepository.class).deleteAll();
		context.getBean(OwnerRepository.class).deleteAll();
		context.getBean(Checkpoints.class).evictAll("VetReport#names");
		context.getBean(VetReport.class).resetRuns();
	}

	@Test
	void savingAVetRerunsTheVetsReport() {
		VetReport report = context.getBean(VetReport.class);
		VetRepository vets = context.getBean(VetRepository.class);
		vets.save(new Vet("Ada"));
		assertThat(report.names()).containsExactly("Ada");
		assertThat(report.names()).containsExactly("Ada");
		assertThat(report.runs()).isEqualTo(1);
		vets.save(new Vet("Bob"));
		assertThat(report.names()).containsExactly("Ada", "Bob");
		assertThat(report.runs()).isEqualTo(2);
	}

	@Test
	void updatingAndDeletingAVetRerunTheVetsReport() {
		VetReport report = context.getBean(VetReport.class);
		VetRepository vets = context.getBean(VetRepository.class);
		Vet ada = vets.save(new Vet("Ada"));
		assertThat(report.names()).containsExactly("Ada");
		ada.setName("Ada L.");
		vets.save(ada);
		assertThat(report.names()).containsExactly("Ada L.");
		vets.delete(ada);
		assertThat(report.names()).isEmpty();
		assertThat(report.runs()).isEqualTo(3);
	}

	@Test
	void savingAnOwnerHitsTheVetsReport() {
		VetReport report = context.getBean(VetReport.class);
		context.getBean(VetRepository.class).save(new Vet("Ada"));
		assertThat(report.names()).containsExactly("Ada");
		context.getBean(OwnerRepository.class).save(new Owner("Carl"));
		assertThat(report.names()).containsExactly("Ada");
		assertThat(report.runs()).isEqualTo(1);
	}

	@Test
	void savingATypeAVetsAssociationLeadsToRerunsTheVetsReport() {
		VetReport report = context.getBean(VetReport.class);
		context.getBean(VetRepository.class).save(new Vet("Ada"));
		assertThat(report.names()).containsExactly("Ada");
		context.getBean(SpecialtyRepository.class).save(new Specialty("surgery"));
		assertThat(report.names()).containsExactly("Ada");
		assertThat(report.runs()).isEqualTo(2);
	}

	@Test
	void aRolledBackVetWriteHitsTheVetsReport() {
		VetReport report = context.getBean(VetReport.class);
		VetRepository vets = context.getBean(VetRepository.class);
		vets.save(new Vet("Ada"));
		assertThat(report.names()).containsExactly("Ada");
		context.getBean(TransactionTemplate.class).executeWithoutResult((status) -> {
			vets.saveAndFlush(new Vet("Bob"));
			status.setRollbackOnly();
		});
		assertThat(report.names()).containsExactly("Ada");
		assertThat(report.runs()).isEqualTo(1);
	}

	@Test
	void aVetSavedInAnOpenTransactionIsSeenByTheReportInThatTransaction() {
		VetReport report = context.getBean(VetReport.class);
		VetRepository vets = context.getBean(VetRepository.class);
		vets.save(new Vet("Ada"));
		assertThat(report.names()).containsExactly("Ada");
		context.getBean(TransactionTemplate.class).executeWithoutResult((status) -> {
			vets.save(new Vet("Bob"));
			assertThat(report.names()).as("the transaction's own write").containsExactly("Ada", "Bob");
			status.setRollbackOnly();
		});
		assertThat(report.names()).as("after the rollback").containsExactly("Ada");
		assertThat(report.runs()).isEqualTo(2);
	}

	@Test
	void aChangeMadeOutsideJpaIsSeenOnceSaid() {
		VetReport report = context.getBean(VetReport.class);
		context.getBean(VetRepository.class).save(new Vet("Ada"));
		assertThat(report.names()).containsExactly("Ada");
		context.getBean(JdbcTemplate.class).update("update vet set name = 'ADA'");
		assertThat(report.names()).as("a write JPA does not see keeps the former data's result").containsExactly("Ada");
		context.getBean(Checkpoints.class).dataChanged(Vet.class);
		assertThat(report.names()).containsExactly("ADA");
	}

	@Test
	void checkpointEvictMovesTheDataVersionOnceTheTransactionCommits() {
		VetReport report = context.getBean(VetReport.class);
		context.getBean(VetRepository.class).save(new Vet("Ada"));
		assertThat(report.names()).containsExactly("Ada");
		context.getBean(VetAdministration.class).capitalizeNames();
		assertThat(report.names()).containsExactly("ADA");
	}

	@Test
	void checkpointEvictOfARolledBackTransactionMovesNothing() {
		VetReport report = context.getBean(VetReport.class);
		context.getBean(VetRepository.class).save(new Vet("Ada"));
		assertThat(report.names()).containsExactly("Ada");
		VetAdministration administration = context.getBean(VetAdministration.class);
		assertThatIllegalStateException().isThrownBy(administration::capitalizeNamesThenFail);
		assertThat(report.names()).containsExactly("Ada");
		assertThat(report.runs()).isEqualTo(1);
	}

	@Test
	void checkpointEvictRemovesTheResultsOfTheMethodsItNames() {
		VetReport report = context.getBean(VetReport.class);
		context.getBean(VetRepository.class).save(new Vet("Ada"));
		assertThat(report.names()).containsExactly("Ada");
		context.getBean(VetAdministration.class).lowerCaseNames();
		assertThat(report.names()).containsExactly("ada");
	}

	@Test
	void aPostNamingAnEntityTypeMovesItsDataVersion() throws Exception {
		VetReport report = context.getBean(VetReport.class);
		context.getBean(VetRepository.class).save(new Vet("Ada"));
		assertThat(report.names()).containsExactly("Ada");
		context.getBean(JdbcTemplate.class).update("update vet set name = 'ADA'");
		assertThat(report.names()).containsExactly("Ada");
		String moved = post("/actuator/checkpoints", "{\"dataChanged\": \"" + Vet.class.getName() + "\"}");
		assertThat(moved).isEqualTo("{\"dataChanged\":\"" + Vet.class.getName() + "\"}");
		assertThat(report.names()).containsExactly("ADA");
		assertThat(report.runs()).isEqualTo(2);
	}

	private static String post(String path, String json) throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("POST " + path + ": " + response.body()).isEqualTo(200);
		return response.body();
	}

	private static List<String> arguments() {
		return List.of("--spring.autoconfigure.exclude=", "--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
				"--spring.jpa.hibernate.ddl-auto=create-drop", "--spring.jpa.open-in-view=false",
				"--checkpointing.directory=" + store, "--spring.main.banner-mode=off",
				"--server.port=0", "--management.endpoints.web.exposure.include=checkpoints",
				"--logging.level.root=WARN");
	}

}
