package io.checkpointing.spring.autoconfigure;

import java.util.stream.Stream;

import io.checkpointing.services.SharedServices;
import io.checkpointing.services.SharedServices.S3Endpoint;
import io.checkpointing.store.StoredEntry;
import io.checkpointing.store.s3.S3Backend;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code checkpointing.backend=s3}: a client of its own from {@code checkpointing.s3.*}, with clear failures. */
class S3BackendAutoConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, CheckpointingAutoConfiguration.class))
		.withUserConfiguration(Work.WorkConfiguration.class);

	@Tag("services")
	@Test
	void s3UsesTheBucketThePrefixAndTheEndpointWithTheCustomizersCredentials() {
		S3Endpoint s3 = SharedServices.s3();
		String prefix = SharedServices.uniqueName("autoconfig") + "/";
		this.runner
			.withPropertyValues("checkpointing.backend=s3", "checkpointing.s3.bucket=" + s3.bucket(),
					"checkpointing.s3.prefix=" + prefix, "checkpointing.s3.endpoint=" + s3.endpoint(),
					"checkpointing.s3.path-style=true")
			.withBean(S3BackendCustomizer.class, () -> (builder) -> builder.clientBuilder()
				.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey()))))
			.run((context) -> {
				S3Backend backend = context.getBean(S3Backend.class);
				try {
					assertThat(backend.location()).isEqualTo("s3://" + s3.bucket() + "/" + prefix + " at " + s3.endpoint());
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

	@Test
	void s3WithoutTheAwsSdkFailsNamingTheProperty() {
		this.runner.withClassLoader(new FilteredClassLoader(S3Client.class))
			.withPropertyValues("checkpointing.backend=s3", "checkpointing.s3.bucket=entries")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("checkpointing.backend")
				.hasMessageContaining("software.amazon.awssdk:s3"));
	}

	@Test
	void s3WithoutABucketFailsNamingTheProperty() {
		this.runner.withPropertyValues("checkpointing.backend=s3")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("checkpointing.s3.bucket"));
	}

	@Test
	void aLeaseShorterThanThreeSecondsIsRefusedNamingTheProperty() {
		this.runner.withPropertyValues("checkpointing.backend=s3", "checkpointing.s3.bucket=entries",
				"checkpointing.s3.lock-lease=500ms")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("checkpointing.s3.lock-lease")
				.hasMessageContaining("at least 3s"));
	}

	@Test
	void aPartSmallerThanS3sSmallestIsRefusedNamingTheProperty() {
		this.runner.withPropertyValues("checkpointing.backend=s3", "checkpointing.s3.bucket=entries",
				"checkpointing.s3.part-size=1MB")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("checkpointing.s3.part-size")
				.hasMessageContaining("5MB"));
	}

}
