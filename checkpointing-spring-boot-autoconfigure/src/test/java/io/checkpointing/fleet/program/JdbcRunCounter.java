package io.checkpointing.fleet.program;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Counts runs by updating the one row of a PostgreSQL table. */
@Component
@ConditionalOnProperty(name = "checkpointing.backend", havingValue = "jdbc")
class JdbcRunCounter implements RunCounter {

	private final DataSource dataSource;

	private final String table;

	JdbcRunCounter(DataSource dataSource, @Value("${fleet.counter}") String table) {
		this.dataSource = dataSource;
		this.table = table;
	}

	@Override
	public void increment() {
		try (Connection connection = this.dataSource.getConnection(); Statement update = connection.createStatement()) {
			update.executeUpdate("UPDATE " + this.table + " SET runs = runs + 1");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot count a run in " + this.table, ex);
		}
	}

}
