package io.checkpointing.fleet;

import java.util.List;
import java.util.stream.Stream;

import io.checkpointing.processes.UnusedAutoConfigurations;
import io.checkpointing.services.SharedServices;
import io.checkpointing.services.SharedServices.S3Endpoint;
import io.checkpointing.store.StoredEntry;
import io.checkpointing.store.s3.S3Backend;
import io.checkpointing.store.s3.S3BackendBuilder;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A prefix of its own in the S3 test bucket; S3 has no counter to increment, so each run is an
 * object under the counter's prefix.
 */
final class S3FleetStore implements FleetStore {

	private final S3Endpoint s3;

	private final String prefix = SharedServices.uniqueName("fleet") + "/";

	private final S3Client client;

	private final S3Backend store;

	S3FleetStore(S3Endpoint s3) {
		this.s3 = s3;
		this.client = s3.client();
		this.store = new S3BackendBuilder(s3.bucket()).client(this.client).prefix(this.prefix).build();
	}

	@Override
	public String name() {
		return "S3";
	}

	@Override
	public List<String> jvmOptions() {
		// Credentials reach the processes as the SDK's default chain finds them: system properties.
		return this.s3.credentialOptions();
	}

	@Override
	public List<String> settings() {
		return List.of("--checkpointing.backend=s3", "--spring.autoconfigure.exclude=" + UnusedAutoConfigurations.except(),
				"--checkpointing.s3.bucket=" + this.s3.bucket(),
				"--checkpointing.s3.prefix=" + this.prefix, "--checkpointing.s3.endpoint=" + this.s3.endpoint(),
				"--checkpointing.s3.path-style=true", "--fleet.counter=" + counter());
	}

	@Override
	public long runs() {
		return this.client.listObjectsV2Paginator((list) -> list.bucket(this.s3.bucket()).prefix(counter()))
			.contents()
			.stream()
			.count();
	}

	@Override
	public long entries() throws Exception {
		try (Stream<StoredEntry> entries = this.store.list()) {
			return entries.count();
		}
	}

	@Override
	public void close() throws Exception {
		try (this.client; this.store) {
			this.store.clear();
			this.client.listObjectsV2Paginator((list) -> list.bucket(this.s3.bucket()).prefix(counter()))
				.contents()
				.forEach((object) -> this.client.deleteObject((delete) -> delete.bucket(this.s3.bucket()).key(object.key())));
		}
	}

	private String counter() {
		return this.prefix + "runs/";
	}

}
