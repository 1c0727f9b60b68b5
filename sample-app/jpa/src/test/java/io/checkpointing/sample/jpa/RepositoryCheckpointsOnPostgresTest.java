package io.checkpointing.sample.jpa;

import org.junit.jupiter.api.Tag;

import org.springframework.boot.test.context.SpringBootTest;

/** The same on PostgreSQL (127.0.0.1:5432, database {@code test}), in a schema of its own. */
@Tag("services")
@SpringBootTest(properties = { "spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test", "spring.datasource.username=postgres",
		"spring.jpa.hibernate.ddl-auto=create-drop",
		"spring.jpa.properties.hibernate.default_schema=checkpointing_jpa_repositories",
		"spring.jpa.properties.jakarta.persistence.create-database-schemas=true" })
class RepositoryCheckpointsOnPostgresTest extends RepositoryCheckpointsContract {

}
