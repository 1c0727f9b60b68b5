package io.checkpointing.spring.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.engine.StoredDataVersions;
import io.checkpointing.services.SharedServices;
import io.checkpointing.services.SharedServices.PostgresEndpoint;
import io.checkpointing.services.SharedServices.S3Endpoint;
import io.checkpointing.store.s3.S3Backend;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code checkpointing.local.*}: a local copy in front of a real PostgreSQL table and of S3. */
class LocalCopyAutoConfigurationTest {

	/** How the filesystem backend names its entry files. */
	private static final String ENTRY_SUFFIX = ".ckpt";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, DataSourceAutoConfiguration.class,
				CheckpointingAutoConfiguration.class))
		.withUserConfiguration(Work.WorkConfiguration.class);

	@TempDir
	Path directory;

	@Tag("services")
	@Test
	void anotherInstanceFindsTheEntryInTheTableAndKeepsItsOwnLocalCopy() throws Exception {
		onPostgres((runner) -> {
			runner.withPropertyValues("checkpointing.local.directory=" + this.directory.resolve("first")).run((context) -> {
				assertThat(context.getBean(CheckpointEngine.class).administration().backend().location())
					.contains("with a local copy in " + this.directory.resolve("first"));
				assertThat(context.getBean(Work.class).square(6)).isEqualTo(36);
			});
			runner.withPropertyValues("checkpointing.local.directory=" + this.directory.resolve("second")).run((context) -> {
				Work work = context.getBean(Work.class);
				assertThat(work.square(6)).isEqualTo(36);
				assertThat(work.runs()).as("computed by the first instance").isZero();
			});
			assertThat(entryFiles(this.directory.resolve("first"))).hasSize(1);
			assertThat(entryFiles(this.directory.resolve("second"))).hasSize(1);
		});
	}

	@Tag("services")
	@Test
	void inFrontOfS3AnotherInstanceReadsTheEntryOnceAndThenFromItsCopy() throws Exception {
		S3Endpoint s3 = SharedServices.s3();
		ApplicationContextRunner onS3 = this.runner
			.withPropertyValues("checkpointing.backend=s3", "checkpointing.s3.bucket=" + s3.bucket(),
					"checkpointing.s3.prefix=" + SharedServices.uniqueName("local-copy") + "/",
					"checkpointing.s3.endpoint=" + s3.endpoint(), "checkpointing.s3.path-style=true")
			.withBean(S3BackendCustomizer.class, () -> (builder) -> builder.clientBuilder()
				.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()))));
		onS3.withPropertyValues("checkpointing.local.directory=" + this.directory.resolve("first"))
			.run((context) -> assertThat(context.getBean(Work.class).square(6)).isEqualTo(36));
		onS3.withPropertyValues("checkpointing.local.directory=" + this.directory.resolve("second")).run((context) -> {
			try {
				Work work = context.getBean(Work.class);
				assertThat(work.square(6)).isEqualTo(36);
				assertThat(entryFiles(this.directory.resolve("second"))).hasSize(1);
				context.getBean(S3Backend.class).clear();
				assertThat(work.square(6)).as("read from the copy").isEqualTo(36);
				assertThat(work.runs()).as("computed by the first instance").isZero();
			}
			finally {
				context.getBean(CheckpointEngine.class).administration().backend().clear();
			}
		});
	}

	@Tag("services")
	@Test
	void aLocalCopyMovedOverAnotherKeysCopyIsRefusedAndComputedAgain() throws Exception {
		Path local = this.directory.resolve("local");
		onPostgres((runner) -> runner
			.withPropertyValues("checkpointing.local.directory=" + local, "checkpointing.signing.key=a secret of more than 16 characters")
			.run((context) -> {
				Work work = context.getBean(Work.class);
				work.square(6);
				Path six = entryFiles(local).get(0);
				work.square(7);
				Path seven = entryFiles(local).stream().filter((file) -> !file.equals(six)).findFirst().orElseThrow();
				Files.copy(seven, six, StandardCopyOption.REPLACE_EXISTING);
				assertThat(work.square(6)).isEqualTo(36);
				assertThat(work.runs()).as("6 computed again").isEqualTo(3);
				assertThat(work.square(6)).isEqualTo(36);
				assertThat(work.runs()).isEqualTo(3);
			}));
	}

	@Tag("services")
	@Test
	void dataVersionsStayInTheSharedStoreAlone() throws Exception {
		Path local = this.directory.resolve("local");
		onPostgres((runner) -> runner.withPropertyValues("checkpointing.local.directory=" + local).run((context) -> {
			StoredDataVersions versions = new StoredDataVersions(
					context.getBean(CheckpointEngine.class).administration().backend(), null, Duration.ZERO);
			String before = versions.versionOf("Book");
			versions.changed("Book");
			assertThat(versions.versionOf("Book")).isNotEqualTo(before);
			assertThat(entryFiles(local)).isEmpty();
		}));
	}

	@Test
	void aLocalCopyInFrontOfTheFilesystemBackendFailsNamingTheProperty() {
		this.runner.withPropertyValues("checkpointing.local.directory=" + this.directory.resolve("local"),
				"checkpointing.directory=" + this.directory.resolve("store"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("checkpointing.local.directory")
				.hasMessageContaining("FilesystemBackend is local already"));
	}

	@Test
	void aSizeLimitThatIsNotPositiveFailsNamingTheProperty() {
		this.runner.withPropertyValues("checkpointing.backend=memory",
				"checkpointing.local.directory=" + this.directory.resolve("local"), "checkpointing.local.max-size=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("checkpointing.local.max-size"));
	}

	/** Runs the checks on contexts that share one new table, dropped afterwards. */
	private void onPostgres(Checks checks) throws Exception {
		PostgresEndpoint postgres = SharedServices.postgres();
		String table = SharedServices.uniqueName("local_copy");
		try {
			checks.run(this.runner.withPropertyValues("checkpointing.backend=jdbc", "checkpointing.jdbc.table-name=" + table,
					"spring.datasource.url=" + postgres.jdbcUrl(), "spring.datasource.username=" + postgres.username(),
					"spring.datasource.password=" + postgres.password()));
		}
		finally {
			try (Connection connection = postgres.connect(); Statement drop = connection.createStatement()) {
				drop.execute("DROP TABLE IF EXISTS " + table);
			}
		}
	}

	private static List<Path> entryFiles(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(ENTRY_SUFFIX)).sorted().toList();
		}
	}

	@FunctionalInterface
	private interface Checks {

		void run(ApplicationContextRunner runner) throws Exception;

	}

}
