package io.checkpointing.spring.autoconfigure;

import java.util.List;

import javax.sql.DataSource;

import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.JdbcBackend;
import io.checkpointing.store.JdbcBackendBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The JDBC backend, on the application's {@link DataSource}, when {@code checkpointing.backend=jdbc}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnMissingBean(CacheBackend.class)
@ConditionalOnProperty(name = "checkpointing.backend", havingValue = "jdbc")
class JdbcBackendConfiguration {

	@Bean
	JdbcBackend checkpointingJdbcBackend(CheckpointingProperties properties, DataSource dataSource,
			ObjectProvider<JdbcBackendCustomizer> customizers) {
		String tableName = properties.getJdbc().getTableName();
		JdbcBackendBuilder builder = new JdbcBackendBuilder(dataSource, tableName);
		List<JdbcBackendCustomizer> applied = customizers.orderedStream().toList();
		applied.forEach((customizer) -> customizer.customize(builder));
		// The backend checks the table name: the property's is a property error, a customizer's its own.
		return applied.isEmpty()
				? CheckpointingPropertiesValidator.made("checkpointing.jdbc.table-name", tableName, builder::build)
				: builder.build();
	}

}
