package io.checkpointing.spring.actuate;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.util.Optional;
import java.util.UUID;

import io.checkpointing.key.CallKey;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.FilesystemBackend;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports whether checkpointing's backend can be written and read: each check writes a small
 * probe entry under a key no call can have, reads it back and deletes it. For the filesystem
 * backend the details include the free and total space of the directory's file store.
 */
public class CheckpointingHealthIndicator extends AbstractHealthIndicator {

	private final CacheBackend backend;

	/** Unique per indicator, so that two applications sharing a store do not clash. */
	private final CallKey probeKey = CallKey.of("checkpointing health probe".getBytes(StandardCharsets.UTF_8),
			new byte[0], new byte[][] { UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8) });

	/**
	 * @param backend the backend to check
	 */
	public CheckpointingHealthIndicator(CacheBackend backend) {
		super("Checkpointing health check failed");
		this.backend = backend;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("backend", this.backend.getClass().getSimpleName())
			.withDetail("location", this.backend.location());
		try {
			probe();
			if (this.backend instanceof FilesystemBackend filesystem) {
				FileStore store = Files.getFileStore(filesystem.directory());
				builder.withDetail("free", store.getUsableSpace()).withDetail("total", store.getTotalSpace());
			}
			builder.up();
		}
		catch (IOException | RuntimeException ex) {
			builder.down(ex);
		}
	}

	private void probe() throws IOException {
		byte[] probe = ("probe " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
		this.backend.write(this.probeKey, ByteBuffer.wrap(probe));
		try {
			Optional<ByteBuffer> read = this.backend.read(this.probeKey);
			if (read.isEmpty() || !read.get().equals(ByteBuffer.wrap(probe))) {
				throw new IOException("The probe entry written to " + this.backend.location() + " did not read back");
			}
		}
		finally {
			this.backend.delete(this.probeKey);
		}
	}

}
