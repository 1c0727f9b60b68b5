package io.checkpointing.spring.autoconfigure;

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
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return CheckpointingPropertiesValidator.made("checkpointing.jdbc.table-name", tableName, builder::build);
	}

}
