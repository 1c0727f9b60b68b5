package io.checkpointing.spring.autoconfigure;

import io.checkpointing.store.JdbcBackendBuilder;

/**
 * Adjusts the JDBC backend ({@code checkpointing.backend=jdbc}) that the auto-configuration
 * builds, without replacing it. Every bean of this type is applied, in
 * {@link org.springframework.core.Ordered order}, after {@code checkpointing.jdbc.*}.
 *
 * <pre>{@code
 * @Bean
 * JdbcBackendCustomizer tablePerEnvironment(Environment environment) {
 *     return (builder) -> builder.tableName("checkpoints_" + environment.getActiveProfiles()[0]);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface JdbcBackendCustomizer {

	/**
	 * @param builder the builder, with the application's DataSource and the properties' settings
	 */
	void customize(JdbcBackendBuilder builder);

}
