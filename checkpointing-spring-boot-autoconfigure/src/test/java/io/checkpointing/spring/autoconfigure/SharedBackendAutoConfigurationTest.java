package io.checkpointing.spring.autoconfigure;

import java.sql.Connection;
import java.sql.Statement;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.checkpointing.services.SharedServices;
import io.checkpointing.services.SharedServices.PostgresEndpoint;
import io.checkpointing.spring.redis.RedisBackend;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.JdbcBackend;
import io.checkpointing.store.MemoryBackend;
import io.checkpointing.store.StoredEntry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code checkpointing.backend=redis} and {@code jdbc}: on Spring Boot's connections, with clear failures. */
@ExtendWith(OutputCaptureExtension.class)
class SharedBackendAutoConfigurationTest {

	private final ApplicationContextRunner redisRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, DataRedisAutoConfiguration.class,
				CheckpointingAutoConfiguration.class))
		.withUserConfiguration(Work.WorkConfiguration.class);

	private final ApplicationContextRunner jdbcRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, DataSourceAutoConfiguration.class,
				CheckpointingAutoConfiguration.class))
		.withUserConfiguration(Work.WorkConfiguration.class);

	@Tag("services")
	@Test
	void redisUsesSpringBootsConnectionAndTheKeyPrefix() {
		String prefix = SharedServices.uniqueName("autoconfig") + ":";
		this.redisRunner
			.withPropertyValues("checkpointing.backend=redis", "spring.data.redis.url=" + SharedServices.redis().url(),
					"checkpointing.redis.key-prefix=" + prefix)
			.run((context) -> {
				RedisBackend backend = context.getBean(RedisBackend.class);
				try {
					assertThat(backend.location()).contains(prefix);
					Work work = context.getBean(Work.class);
					assertThat(work.square(6)).isEqualTo(36);
					assertThat(work.square(6)).isEqualTo(36);
					assertThat(work.runs()).isEqualTo(1);
					try (Stream<StoredEntry> entries = backend.list()) {
						assertThat(entries).singleElement()
							.satisfies((entry) -> assertThat(entry.header().methodName()).isEqualTo("Work#square"));
					}
				}
				finally {
					backend.clear();
				}
			});
	}

	@Tag("services")
	@Test
	void aSharedStoreWithoutASigningKeyWarnsOfTheRisk(CapturedOutput output) {
		this.redisRunner
			.withPropertyValues("checkpointing.backend=redis", "spring.data.redis.url=" + SharedServices.redis().url(),
					"checkpointing.redis.key-prefix=" + SharedServices.uniqueName("unsigned") + ":")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains("Checkpointing stores unsigned entries in")
			.contains("anyone who can write there can make this application return values of their choosing")
			.contains("checkpointing.signing.key");
	}

	@Tag("services")
	@Test
	void aSharedStoreWithASigningKeyDoesNotWarn(CapturedOutput output) {
		this.redisRunner
			.withPropertyValues("checkpointing.backend=redis", "spring.data.redis.url=" + SharedServices.redis().url(),
					"checkpointing.redis.key-prefix=" + SharedServices.uniqueName("signed") + ":",
					"checkpointing.signing.key=a secret of more than 16 characters")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains("entries signed").doesNotContain("unsigned entries");
	}

	@Test
	void redisWithoutSpringDataRedisFailsNamingTheProperty() {
		this.redisRunner.withClassLoader(new FilteredClassLoader(RedisConnectionFactory.class))
			.withPropertyValues("checkpointing.backend=redis")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("checkpointing.backend")
				.hasMessageContaining("spring-boot-starter-data-redis"));
	}

	@Test
	void redisWithoutAConnectionFactoryFailsNamingTheProperty() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CheckpointingAutoConfiguration.class))
			.withPropertyValues("checkpointing.backend=redis")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("checkpointing.backend")
				.hasMessageContaining("RedisConnectionFactory"));
	}

	@Test
	void anEmptyKeyPrefixIsRefused() {
		this.redisRunner.withPropertyValues("checkpointing.backend=redis", "checkpointing.redis.key-prefix=")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("checkpointing.redis.key-prefix"));
	}

	@Tag("services")
	@Test
	void jdbcUsesTheApplicationsDataSourceAndTheTableName() throws Exception {
		PostgresEndpoint postgres = SharedServices.postgres();
		String table = SharedServices.uniqueName("autoconfig");
		this.jdbcRunner
			.withPropertyValues("checkpointing.backend=jdbc", "checkpointing.jdbc.table-name=" + table,
					"spring.datasource.url=" + postgres.jdbcUrl(), "spring.datasource.username=" + postgres.username(),
					"spring.datasource.password=" + postgres.password())
			.run((context) -> {
				try {
					JdbcBackend backend = context.getBean(JdbcBackend.class);
					assertThat(backend.tableName()).isEqualTo(table);
					Work work = context.getBean(Work.class);
					work.square(7);
					work.square(7);
					assertThat(work.runs()).isEqualTo(1);
					try (Stream<StoredEntry> entries = backend.list()) {
						assertThat(entries).hasSize(1);
					}
				}
				finally {
					try (Connection connection = postgres.connect(); Statement drop = connection.createStatement()) {
						drop.execute("DROP TABLE IF EXISTS " + table);
					}
				}
			});
	}

	@Test
	void jdbcWithoutADataSourceFailsNamingTheProperty() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CheckpointingAutoConfiguration.class))
			.withPropertyValues("checkpointing.backend=jdbc")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("checkpointing.backend")
				.hasMessageContaining("DataSource"));
	}

	@Test
	void aTableNameThatIsNotAnIdentifierIsRefused() {
		this.jdbcRunner.withUserConfiguration(AnyDataSourceConfiguration.class)
			.withPropertyValues("checkpointing.backend=jdbc", "checkpointing.jdbc.table-name=entries;drop")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("checkpointing.jdbc.table-name"));
	}

	@Test
	void theApplicationsOwnBackendWinsOverTheProperty() {
		this.redisRunner.withUserConfiguration(OwnBackendConfiguration.class)
			.withPropertyValues("checkpointing.backend=redis")
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(CacheBackend.class)
				.isInstanceOf(MemoryBackend.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnBackendConfiguration {

		@Bean
		CacheBackend ownBackend() {
			return new MemoryBackend();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AnyDataSourceConfiguration {

		@Bean
		DataSource dataSource() {
			return new org.springframework.jdbc.datasource.SimpleDriverDataSource();
		}

	}

}
