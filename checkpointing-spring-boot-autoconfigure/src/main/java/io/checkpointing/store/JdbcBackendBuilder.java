package io.checkpointing.store;

import java.util.Objects;

import javax.sql.DataSource;

/**
 * Collects the settings of a {@link JdbcBackend}, so that they can be adjusted before it is
 * made: Spring Boot's auto-configuration hands it to each {@code JdbcBackendCustomizer}, which
 * may, for example, give checkpointing a database of its own. The backend checks the settings
 * when it is built.
 */
public final class JdbcBackendBuilder {

	private DataSource dataSource;

	private String tableName;

	/**
	 * @param dataSource the database, PostgreSQL
	 * @param tableName the table that holds the entries
	 */
	public JdbcBackendBuilder(DataSource dataSource, String tableName) {
		dataSource(dataSource);
		tableName(tableName);
	}

	/**
	 * @param dataSource the database, PostgreSQL
	 * @return this builder
	 */
	public JdbcBackendBuilder dataSource(DataSource dataSource) {
		this.dataSource = Objects.requireNonNull(dataSource, "dataSource must not be null");
		return this;
	}

	/**
	 * @param tableName the table that holds the entries: a plain SQL identifier, optionally
	 * qualified by a schema
	 * @return this builder
	 */
	public JdbcBackendBuilder tableName(String tableName) {
		this.tableName = Objects.requireNonNull(tableName, "tableName must not be null");
		return this;
	}

	/**
	 * @return the backend
	 * @throws IllegalArgumentException if the table name is not a plain SQL identifier
	 */
	public JdbcBackend build() {
		return new JdbcBackend(this.dataSource, this.tableName);
	}

}
