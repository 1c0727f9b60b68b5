package io.checkpointing.fleet;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import io.checkpointing.processes.UnusedAutoConfigurations;
import io.checkpointing.services.SharedServices;
import io.checkpointing.services.SharedServices.PostgresEndpoint;
import io.checkpointing.store.JdbcBackend;
import io.checkpointing.store.StoredEntry;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** A PostgreSQL table of the run's own; the runs are counted in the one row of another table. */
final class PostgresFleetStore implements FleetStore {

	private final PostgresEndpoint postgres;

	private final String table = SharedServices.uniqueName("fleet");

	private final Connection connection;

	PostgresFleetStore(PostgresEndpoint postgres) throws SQLException {
		this.postgres = postgres;
		this.connection = postgres.connect();
		try (Statement sql = this.connection.createStatement()) {
			sql.execute("CREATE TABLE " + counter() + " (runs BIGINT NOT NULL)");
			sql.execute("INSERT INTO " + counter() + " VALUES (0)");
		}
	}

	@Override
	public String name() {
		return "PostgreSQL";
	}

	@Override
	public List<String> settings() {
		return List.of("--checkpointing.backend=jdbc",
				"--spring.autoconfigure.exclude=" + UnusedAutoConfigurations.except("org.springframework.boot.jdbc.autoconfigure"),
				"--spring.datasource.url=" + this.postgres.jdbcUrl(), "--spring.datasource.username=" + this.postgres.username(),
				"--spring.datasource.password=" + this.postgres.password(), "--checkpointing.jdbc.table-name=" + this.table,
				"--fleet.counter=" + counter());
	}

	@Override
	public long runs() throws SQLException {
		try (Statement sql = this.connection.createStatement();
				ResultSet runs = sql.executeQuery("SELECT runs FROM " + counter())) {
			runs.next();
			return runs.getLong(1);
		}
	}

	@Override
	public long entries() throws Exception {
		JdbcBackend store = new JdbcBackend(new SingleConnectionDataSource(this.connection, true), this.table);
		try (Stream<StoredEntry> entries = store.list()) {
			return entries.count();
		}
	}

	@Override
	public void close() throws SQLException {
		try (Statement sql = this.connection.createStatement()) {
			sql.execute("DROP TABLE IF EXISTS " + counter());
			sql.execute("DROP TABLE IF EXISTS " + this.table);
		}
		finally {
			this.connection.close();
		}
	}

	private String counter() {
		return this.table + "_runs";
	}

}
