package io.checkpointing.behavior;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import io.checkpointing.processes.UnusedAutoConfigurations;
import io.checkpointing.services.SharedServices;
import io.checkpointing.services.SharedServices.PostgresEndpoint;
import io.checkpointing.spring.redis.RedisBackend;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static io.checkpointing.behavior.ProgramVersion.calc;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An old and a new version of an application share one store, as during a rolling deployment:
 * each version gets the results of its own code, never the other's, and a version whose method
 * did not change uses the results the other one stored. Each run has a class loader and an
 * application context of its own, as a separate process would ({@link ProgramInThisJvm}).
 */
@Tag("services")
class SharedStoreVersionsTest {

	private static final ProgramVersion OLD = calc("""
			@Checkpoint
			public int foo(int a) {
				System.out.println("Running");
				return a;
			}
			""", "calc.foo(5)");

	private static final ProgramVersion NEW = calc("""
			@Checkpoint
			public int foo(int a) {
				System.out.println("Running");
				return a + 1;
			}
			""", "calc.foo(5)");

	/** Only a parameter renamed: the same code for the key. */
	private static final ProgramVersion RENAMED = calc("""
			@Checkpoint
			public int foo(int x) {
				System.out.println("Running");
				return x;
			}
			""", "calc.foo(5)");

	private static final String SIGNING_KEY = "the team's shared secret, 32 chars";

	@TempDir
	Path workspace;

	@Test
	void oldAndNewVersionsShareOneRedis() throws Exception {
		String prefix = SharedServices.uniqueName("versions") + ":";
		String[] settings = { "--checkpointing.backend=redis", "--spring.data.redis.url=" + SharedServices.redis().url(),
				"--checkpointing.redis.key-prefix=" + prefix,
				"--spring.autoconfigure.exclude=" + UnusedAutoConfigurations.except("org.springframework.boot.data.redis.autoconfigure") };
		try {
			rollingDeployment(settings);
		}
		finally {
			LettuceConnectionFactory connectionFactory = SharedServices.redis().connectionFactory();
			try (RedisBackend store = new RedisBackend(connectionFactory, prefix, null, Duration.ofSeconds(30))) {
				store.clear();
			}
			connectionFactory.destroy();
		}
	}

	@Test
	void oldAndNewVersionsShareOnePostgresTable() throws Exception {
		PostgresEndpoint postgres = SharedServices.postgres();
		String table = SharedServices.uniqueName("versions");
		try {
			rollingDeployment("--checkpointing.backend=jdbc", "--spring.autoconfigure.exclude=",
					"--spring.datasource.url=" + postgres.jdbcUrl(), "--spring.datasource.username=" + postgres.username(),
					"--spring.datasource.password=" + postgres.password(), "--checkpointing.jdbc.table-name=" + table);
		}
		finally {
			try (Connection connection = postgres.connect(); Statement drop = connection.createStatement()) {
				drop.execute("DROP TABLE IF EXISTS " + table);
			}
		}
	}

	private void rollingDeployment(String... settings) throws Exception {
		assertThat(run(OLD, settings)).containsExactly("Running", "result: 5");
		assertThat(run(NEW, settings)).as("the new code does not get the old result")
			.containsExactly("Running", "result: 6");
		assertThat(run(OLD, settings)).as("the old version still hits its own").containsExactly("result: 5");
		assertThat(run(NEW, settings)).as("the new version hits its own").containsExactly("result: 6");
		assertThat(run(RENAMED, settings)).as("unchanged code shares the old result")
			.containsExactly("result: 5");
	}

	private List<String> run(ProgramVersion version, String... settings) throws Exception {
		// Every version signs with one key, as a team sharing a store should (and nothing warns).
		String[] signed = java.util.Arrays.copyOf(settings, settings.length + 1);
		signed[settings.length] = "--checkpointing.signing.key=" + SIGNING_KEY;
		// The directory is not used by these backends; it keeps a stray filesystem store out of the project.
		return version.withArguments(signed).runInThisJvm(this.workspace.resolve("unused"));
	}

}
