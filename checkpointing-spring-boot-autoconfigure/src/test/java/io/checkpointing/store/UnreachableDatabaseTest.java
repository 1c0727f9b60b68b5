package io.checkpointing.store;

import java.net.ServerSocket;
import java.time.Duration;

import io.checkpointing.key.CallKey;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/** A database that cannot be reached is reported as that, and opens the breaker. */
class UnreachableDatabaseTest {

	@Test
	void theMessageNamesTheConnectionFailureNotATableCreation() throws Exception {
		JdbcBackend backend = new JdbcBackend(unreachable(), "checkpointing_entry");
		assertThatIOException().isThrownBy(() -> backend.read(CallKey.fromHex("0".repeat(64))))
			.withMessageStartingWith("Cannot connect to the database in jdbc table checkpointing_entry: ")
			.withMessageContaining("Connection")
			.withMessageNotContaining("create the table");
	}

	@Test
	void itOpensTheBreakerAfterConsecutiveFailures() throws Exception {
		CircuitBreakingBackend breaker = new CircuitBreakingBackend(new JdbcBackend(unreachable(), "checkpointing_entry"),
				2, Duration.ofMinutes(1), Duration.ofMinutes(1));
		CallKey key = CallKey.fromHex("0".repeat(64));
		assertThatIOException().isThrownBy(() -> breaker.read(key));
		assertThatIOException().isThrownBy(() -> breaker.read(key));
		assertThat(breaker.state()).isEqualTo(CircuitBreakingBackend.State.OPEN);
		assertThatIOException().isThrownBy(() -> breaker.read(key))
			.isInstanceOf(StoreSkippedException.class)
			.withMessageContaining("Cannot connect to the database");
	}

	/** A PostgreSQL data source on a port where nothing listens. */
	private static PGSimpleDataSource unreachable() throws Exception {
		int port;
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL("jdbc:postgresql://127.0.0.1:" + port + "/test");
		dataSource.setConnectTimeout(2);
		return dataSource;
	}

}
