package io.checkpointing.spring.console;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import io.checkpointing.services.SharedServices;
import io.checkpointing.services.SharedServices.PostgresEndpoint;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's JSON on every backend: the same counts, entries, explanation of a miss and
 * eviction, whether entries are files, held in memory, Redis keys or PostgreSQL rows.
 */
class ConsoleBackendsTest {

	@TempDir
	Path directory;

	@Test
	void filesystem() throws Exception {
		showsAndEvicts("FilesystemBackend", "--checkpointing.directory=" + this.directory);
	}

	@Test
	void memory() throws Exception {
		showsAndEvicts("MemoryBackend", "--checkpointing.backend=memory");
	}

	@Tag("services")
	@Test
	void redis() throws Exception {
		showsAndEvicts("RedisBackend", "--checkpointing.backend=redis",
				"--spring.data.redis.url=" + SharedServices.redis().url(),
				"--checkpointing.redis.key-prefix=" + SharedServices.uniqueName("console") + ":");
	}

	@Tag("services")
	@Test
	void jdbc() throws Exception {
		PostgresEndpoint postgres = SharedServices.postgres();
		String table = SharedServices.uniqueName("console");
		try {
			showsAndEvicts(List.of(PostgresDataSource.class), "JdbcBackend", "--checkpointing.backend=jdbc",
					"--checkpointing.jdbc.table-name=" + table);
		}
		finally {
			try (Connection connection = postgres.connect(); Statement drop = connection.createStatement()) {
				drop.execute("DROP TABLE IF EXISTS " + table);
			}
		}
	}

	private void showsAndEvicts(String backend, String... properties) throws Exception {
		showsAndEvicts(List.of(), backend, properties);
	}

	private void showsAndEvicts(List<Class<?>> configurations, String backend, String... properties) throws Exception {
		String[] arguments = new String[properties.length + 2];
		System.arraycopy(properties, 0, arguments, 0, properties.length);
		arguments[properties.length] = "--checkpointing.console.enabled=true";
		arguments[properties.length + 1] = "--checkpointing.console.eviction-enabled=true";
		try (ConsoleServer server = ConsoleServer.startWith(configurations, arguments)) {
			server.work().square(4);
			server.work().square(4);
			server.work().square(5);
			server.work().slow(1);
			JsonNode state = server.state();
			assertThat(state.get("backend").asString()).isEqualTo(backend);
			JsonNode square = server.method(state, "Work#square");
			assertThat(square.get("entries").asLong()).isEqualTo(2);
			assertThat(square.get("bytes").asLong()).isPositive();
			assertThat(square.get("hits").asLong()).isEqualTo(1);
			assertThat(square.get("misses").asLong()).isEqualTo(2);
			assertThat(square.get("recentCalls").get(0).get("explanation").asString())
				.endsWith("argument 0 `value` changed");
			assertThat(state.get("warnings")).isEmpty();
			assertThat(server.send("POST", ConsoleServer.CONSOLE + "/Work%23square").body()).isEqualTo("{\"evicted\":2}");
			JsonNode after = server.state();
			assertThat(server.method(after, "Work#square").get("entries").asLong()).isZero();
			assertThat(server.method(after, "Work#slow").get("entries").asLong()).isEqualTo(1);
			assertThat(server.send("POST", ConsoleServer.CONSOLE + "/Work%23slow").body()).isEqualTo("{\"evicted\":1}");
		}
	}

	/** The PostgreSQL of the tests as the application's DataSource. */
	@Configuration(proxyBeanMethods = false)
	static class PostgresDataSource {

		@Bean(destroyMethod = "close")
		DataSource dataSource() {
			return SharedServices.postgres().dataSource(4);
		}

	}

}
