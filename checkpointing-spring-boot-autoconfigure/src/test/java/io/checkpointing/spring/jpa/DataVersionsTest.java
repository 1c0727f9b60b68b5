package io.checkpointing.spring.jpa;

import java.nio.file.Path;
import java.util.UUID;

import io.checkpointing.Checkpoints;
import io.checkpointing.engine.CheckpointEngine;
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

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A method that reads vets through their repository: writes of vets by this application move
 * the vets' data version, so the next call reruns; writes of owners do not, so it hits. Writes
 * JPA does not see move it when the application says so ({@code Checkpoints.dataChanged},
 * {@code @CheckpointEvict}).
 */
class DataVersionsTest {

	/**
	 * One application for the class: its start is most of each case's time. Each case begins with no
	 * rows and no stored results ({@link #startFromNoRowsAndNoStoredResults()}).
	 */
	private static ConfigurableApplicationContext context;

	private VetReport report;

	private int runsBefore;

	@BeforeAll
	static void start(@TempDir Path store) {
		context = new SpringApplicationBuilder(ClinicApplication.class).web(WebApplicationType.NONE)
			.run("--spring.autoconfigure.exclude=", "--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID(),
					"--spring.jpa.hibernate.ddl-auto=create-drop", "--spring.jpa.open-in-view=false",
					"--checkpointing.directory=" + store, "--spring.main.banner-mode=off", "--logging.level.root=WARN");
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
	}

	/** Deleted through JPA, which moves the data versions; the store emptied; the report's runs counted from here. */
	@BeforeEach
	void startFromNoRowsAndNoStoredResults() {
		context.getBean(VetRepository.class).deleteAll();
		context.getBean(SpecialtyRepository.class).deleteAll();
		context.getBean(OwnerRepository.class).deleteAll();
		context.getBean(CheckpointEngine.class).administration().evictAll();
		this.report = context.getBean(VetReport.class);
		this.runsBefore = this.report.runs();
	}

	@Test
	void savingAVetRerunsTheVetsReport() {
		VetRepository vets = context.getBean(VetRepository.class);
		vets.save(new Vet("Ada"));
		assertThat(this.report.names()).containsExactly("Ada");
		assertThat(this.report.names()).containsExactly("Ada");
		assertThat(runs()).isEqualTo(1);
		vets.save(new Vet("Bob"));
		assertThat(this.report.names()).containsExactly("Ada", "Bob");
		assertThat(runs()).isEqualTo(2);
	}

	@Test
	void updatingAndDeletingAVetRerunTheVetsReport() {
		VetRepository vets = context.getBean(VetRepository.class);
		Vet ada = vets.save(new Vet("Ada"));
		assertThat(this.report.names()).containsExactly("Ada");
		ada.setName("Ada L.");
		vets.save(ada);
		assertThat(this.report.names()).containsExactly("Ada L.");
		vets.delete(ada);
		assertThat(this.report.names()).isEmpty();
		assertThat(runs()).isEqualTo(3);
	}

	@Test
	void savingAnOwnerHitsTheVetsReport() {
		context.getBean(VetRepository.class).save(new Vet("Ada"));
		assertThat(this.report.names()).containsExactly("Ada");
		context.getBean(OwnerRepository.class).save(new Owner("Carl"));
		assertThat(this.report.names()).containsExactly("Ada");
		assertThat(runs()).isEqualTo(1);
	}

	@Test
	void savingATypeAVetsAssociationLeadsToRerunsTheVetsReport() {
		context.getBean(VetRepository.class).save(new Vet("Ada"));
		assertThat(this.report.names()).containsExactly("Ada");
		context.getBean(SpecialtyRepository.class).save(new Specialty("surgery"));
		assertThat(this.report.names()).containsExactly("Ada");
		assertThat(runs()).isEqualTo(2);
	}

	@Test
	void aRolledBackVetWriteHitsTheVetsReport() {
		VetRepository vets = context.getBean(VetRepository.class);
		vets.save(new Vet("Ada"));
		assertThat(this.report.names()).containsExactly("Ada");
		context.getBean(TransactionTemplate.class).executeWithoutResult((status) -> {
			vets.saveAndFlush(new Vet("Bob"));
			status.setRollbackOnly();
		});
		assertThat(this.report.names()).containsExactly("Ada");
		assertThat(runs()).isEqualTo(1);
	}

	@Test
	void aVetSavedInAnOpenTransactionIsSeenByTheReportInThatTransaction() {
		VetRepository vets = context.getBean(VetRepository.class);
		vets.save(new Vet("Ada"));
		assertThat(this.report.names()).containsExactly("Ada");
		context.getBean(TransactionTemplate.class).executeWithoutResult((status) -> {
			vets.save(new Vet("Bob"));
			assertThat(this.report.names()).as("the transaction's own write").containsExactly("Ada", "Bob");
			status.setRollbackOnly();
		});
		assertThat(this.report.names()).as("after the rollback").containsExactly("Ada");
		assertThat(runs()).isEqualTo(2);
	}

	@Test
	void aChangeMadeOutsideJpaIsSeenOnceSaid() {
		context.getBean(VetRepository.class).save(new Vet("Ada"));
		assertThat(this.report.names()).containsExactly("Ada");
		context.getBean(org.springframework.jdbc.core.JdbcTemplate.class).update("update vet set name = 'ADA'");
		assertThat(this.report.names()).as("a write JPA does not see keeps the former data's result").containsExactly("Ada");
		context.getBean(Checkpoints.class).dataChanged(Vet.class);
		assertThat(this.report.names()).containsExactly("ADA");
	}

	@Test
	void checkpointEvictMovesTheDataVersionOnceTheTransactionCommits() {
		context.getBean(VetRepository.class).save(new Vet("Ada"));
		assertThat(this.report.names()).containsExactly("Ada");
		context.getBean(VetAdministration.class).capitalizeNames();
		assertThat(this.report.names()).containsExactly("ADA");
	}

	@Test
	void checkpointEvictOfARolledBackTransactionMovesNothing() {
		context.getBean(VetRepository.class).save(new Vet("Ada"));
		assertThat(this.report.names()).containsExactly("Ada");
		VetAdministration administration = context.getBean(VetAdministration.class);
		assertThatIllegalStateException().isThrownBy(administration::capitalizeNamesThenFail);
		assertThat(this.report.names()).containsExactly("Ada");
		assertThat(runs()).isEqualTo(1);
	}

	@Test
	void checkpointEvictRemovesTheResultsOfTheMethodsItNames() {
		context.getBean(VetRepository.class).save(new Vet("Ada"));
		assertThat(this.report.names()).containsExactly("Ada");
		context.getBean(VetAdministration.class).lowerCaseNames();
		assertThat(this.report.names()).containsExactly("ada");
	}

	/** @return the report's runs since the case began */
	private int runs() {
		return this.report.runs() - this.runsBefore;
	}

}
