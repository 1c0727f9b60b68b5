package io.checkpointing.spring.autoconfigure;

import javax.sql.DataSource;

import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.JdbcBackend;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The JDBC backend, on the application's {@link DataSource}, when {@code checkpointing.backend=jdbc}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "checkpointing.backend", havingValue = "jdbc")
class JdbcBackendConfiguration {

	@Bean
	@ConditionalOnMissingBean(CacheBackend.class)
	JdbcBackend checkpointingJdbcBackend(CheckpointingProperties properties, ObjectProvider<DataSource> dataSource) {
		DataSource database = dataSource.getIfUnique();
		if (database == null) {
			throw new InvalidConfigurationPropertyValueException("checkpointing.backend", "jdbc",
					"There is no single DataSource bean: add org.springframework.boot:spring-boot-starter-jdbc and the"
							+ " PostgreSQL driver and set spring.datasource.url, or define one DataSource bean");
		}
		String tableName = properties.getJdbc().getTableName();
		try {
			return new JdbcBackend(database, tableName);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("checkpointing.jdbc.table-name", tableName, ex.getMessage());
		}
	}

}
