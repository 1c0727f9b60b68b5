package io.checkpointing.behavior;

import java.util.HashMap;
import java.util.Map;

/**
 * The sources of a small Spring Data JPA program of the behavior suite, on an in-memory H2
 * database: two entities ({@code Vet}, {@code Owner}) with a repository each, and a {@code Report}
 * bean whose checkpointed method reads through what its fields hold.
 */
final class RepositoryProgram {

	static final String VET = """
			package demo;

			@jakarta.persistence.Entity
			public class Vet {

				@jakarta.persistence.Id
				@jakarta.persistence.GeneratedValue
				private Long id;

				private String name;

				protected Vet() {
				}

				public Vet(String name) {
					this.name = name;
				}

				public String getName() {
					return this.name;
				}

			}
			""";

	static final String OWNER = VET.replace("Vet", "Owner");

	static final String VET_REPOSITORY = """
			package demo;

			public interface VetRepository extends org.springframework.data.jpa.repository.JpaRepository<Vet, Long> {
			}
			""";

	static final String OWNER_REPOSITORY = VET_REPOSITORY.replace("Vet", "Owner");

	private RepositoryProgram() {
	}

	/**
	 * @param reportBody the body of the {@code Report} component
	 * @param call what {@code Main} prints, on a {@code report} variable
	 * @param more further classes, by simple name
	 * @return the program
	 */
	static ProgramVersion of(String reportBody, String call, Map<String, String> more) {
		Map<String, String> sources = new HashMap<>(Map.of("Vet", VET, "Owner", OWNER, "VetRepository", VET_REPOSITORY,
				"OwnerRepository", OWNER_REPOSITORY, "Report", """
						package demo;

						import io.checkpointing.Checkpoint;

						@org.springframework.stereotype.Component
						public class Report {
						%s
						}
						""".formatted(reportBody), "Main",
				ProgramVersion.main("Report report = context.getBean(Report.class);", call)));
		sources.putAll(more);
		// The test class path excludes the DataSource auto-configuration (application.properties): not here.
		return ProgramVersion.of(sources).withArguments("--spring.autoconfigure.exclude=",
				"--spring.datasource.url=jdbc:h2:mem:behavior",
				"--spring.jpa.hibernate.ddl-auto=create-drop", "--spring.jpa.open-in-view=false");
	}

}
