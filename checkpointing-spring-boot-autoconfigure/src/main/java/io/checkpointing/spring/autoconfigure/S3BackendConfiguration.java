package io.checkpointing.spring.autoconfigure;

import java.net.URI;
import java.util.List;

import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.s3.S3Backend;
import io.checkpointing.store.s3.S3BackendBuilder;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 backend, on a client of its own made from {@code checkpointing.s3.*} and the AWS SDK's
 * default credentials chain, when {@code checkpointing.backend=s3} and the SDK's S3 module is
 * present. The backend, and so its client, is closed with the context.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(S3Client.class)
@ConditionalOnMissingBean(CacheBackend.class)
@ConditionalOnProperty(name = "checkpointing.backend", havingValue = "s3")
@EnableConfigurationProperties(CheckpointingS3Properties.class)
class S3BackendConfiguration {

	/** What S3-compatible servers are asked for when nothing names a region; most take any. */
	private static final String FALLBACK_REGION = "us-east-1";

	@Bean
	S3Backend checkpointingS3Backend(CheckpointingS3Properties s3, ObjectProvider<S3BackendCustomizer> customizers) {
		String bucket = CheckpointingPropertiesValidator.s3Bucket(s3.getBucket());
		S3BackendBuilder builder = new S3BackendBuilder(bucket).prefix(s3.getPrefix())
			.pathStyle(s3.isPathStyle())
			.lockLease(CheckpointingPropertiesValidator.s3LockLease(s3.getLockLease()))
			.multipartThreshold(CheckpointingPropertiesValidator.s3MultipartThreshold(s3.getMultipartThreshold()).toBytes())
			.partSize(CheckpointingPropertiesValidator.s3PartSize(s3.getPartSize()).toBytes());
		URI endpoint = s3.getEndpoint();
		if (endpoint != null) {
			builder.endpoint(endpoint);
		}
		String region = region(s3.getRegion(), endpoint);
		if (region != null) {
			builder.region(region);
		}
		List<S3BackendCustomizer> applied = customizers.orderedStream().toList();
		applied.forEach((customizer) -> customizer.customize(builder));
		// The backend checks the client it makes: no region is a property error, a customizer's its own.
		return applied.isEmpty()
				? CheckpointingPropertiesValidator.made("checkpointing.s3.region", (region != null) ? region : "unset",
						builder::build)
				: builder.build();
	}

	/** The region to set, or null to leave it to the SDK's chain (which fails if it finds none). */
	private static @Nullable String region(@Nullable String configured, @Nullable URI endpoint) {
		if (configured != null || endpoint == null) {
			return configured;
		}
		try {
			return new DefaultAwsRegionProviderChain().getRegion().id();
		}
		catch (SdkClientException ex) {
			return FALLBACK_REGION;
		}
	}

}
