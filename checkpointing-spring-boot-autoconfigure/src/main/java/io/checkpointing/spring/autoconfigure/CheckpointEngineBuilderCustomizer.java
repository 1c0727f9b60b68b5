package io.checkpointing.spring.autoconfigure;

import io.checkpointing.engine.CheckpointEngineBuilder;

/**
 * Adjusts the engine that the auto-configuration builds, without replacing it. Every bean of
 * this type is applied, in {@link org.springframework.core.Ordered order}, after the
 * {@code checkpointing.*} properties and before the engine is built; a setting it changes keeps
 * its value.
 *
 * <pre>{@code
 * @Bean
 * CheckpointEngineBuilderCustomizer longerLockTimeout() {
 *     return (builder) -> builder.lockTimeout(Duration.ofHours(1));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface CheckpointEngineBuilderCustomizer {

	/**
	 * @param builder the builder, with the properties' settings
	 */
	void customize(CheckpointEngineBuilder builder);

}
