package io.checkpointing.spring.autoconfigure;

import io.checkpointing.store.FilesystemBackendBuilder;

/**
 * Adjusts the filesystem backend ({@code checkpointing.backend=filesystem}, the default) that the
 * auto-configuration builds, without replacing it. Every bean of this type is applied, in
 * {@link org.springframework.core.Ordered order}, after {@code checkpointing.directory} and
 * {@code checkpointing.filesystem.*}.
 *
 * <pre>{@code
 * @Bean
 * FilesystemBackendCustomizer perTenantDirectory(Tenant tenant) {
 *     return (builder) -> builder.directory(Path.of("/var/cache/app", tenant.id()));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface FilesystemBackendCustomizer {

	/**
	 * @param builder the builder, with the properties' settings
	 */
	void customize(FilesystemBackendBuilder builder);

}
