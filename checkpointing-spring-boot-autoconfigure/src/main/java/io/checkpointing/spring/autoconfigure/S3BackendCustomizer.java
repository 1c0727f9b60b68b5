package io.checkpointing.spring.autoconfigure;

import io.checkpointing.store.s3.S3BackendBuilder;

/**
 * Adjusts the S3 backend ({@code checkpointing.backend=s3}) that the auto-configuration builds,
 * without replacing it. Every bean of this type is applied, in
 * {@link org.springframework.core.Ordered order}, after {@code checkpointing.s3.*}.
 *
 * <pre>{@code
 * @Bean
 * S3BackendCustomizer cacheCredentials() {
 *     return (builder) -> builder.clientBuilder()
 *         .credentialsProvider(ProfileCredentialsProvider.create("cache"));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface S3BackendCustomizer {

	/**
	 * @param builder the builder, with the properties' settings
	 */
	void customize(S3BackendBuilder builder);

}
