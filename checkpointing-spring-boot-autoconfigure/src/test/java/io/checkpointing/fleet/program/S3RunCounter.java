package io.checkpointing.fleet.program;

import java.net.URI;
import java.util.UUID;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Counts runs as objects {@code <fleet.counter><random>} in the bucket the fleet shares: S3 has
 * no counter to increment, and one object per run cannot lose a concurrent increment.
 */
@Component
@ConditionalOnProperty(name = "checkpointing.backend", havingValue = "s3")
class S3RunCounter implements RunCounter, AutoCloseable {

	private final S3Client client;

	private final String bucket;

	private final String prefix;

	S3RunCounter(@Value("${checkpointing.s3.endpoint}") URI endpoint, @Value("${checkpointing.s3.bucket}") String bucket,
			@Value("${fleet.counter}") String prefix) {
		// The SDK's default credentials chain, as the backend's client.
		this.client = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true).build();
		this.bucket = bucket;
		this.prefix = prefix;
	}

	@Override
	public void increment() {
		this.client.putObject((put) -> put.bucket(this.bucket).key(this.prefix + UUID.randomUUID()),
				RequestBody.fromString("run"));
	}

	@Override
	public void close() {
		this.client.close();
	}

}
