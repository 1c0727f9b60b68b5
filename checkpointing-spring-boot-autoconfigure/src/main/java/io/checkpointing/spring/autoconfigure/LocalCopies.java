package io.checkpointing.spring.autoconfigure;

import java.nio.file.Path;

import io.checkpointing.engine.StoredDataVersions;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.FilesystemBackend;
import io.checkpointing.store.LocalCopyBackend;
import io.checkpointing.store.MemoryBackend;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The local copy of {@code checkpointing.local.*}: its directory, with its size limit and its
 * background sweeps, which this bean stops when the context closes.
 */
final class LocalCopies implements AutoCloseable {

	private static final String DIRECTORY = "checkpointing.local.directory";

	private final Path directory;

	private final FilesystemBackend local;

	LocalCopies(CheckpointingLocalProperties properties) {
		Path directory = properties.getDirectory();
		if (directory == null) {
			throw new InvalidConfigurationPropertyValueException(DIRECTORY, null, "Set the directory of the local copy");
		}
		long maxSize = properties.getMaxSize().toBytes();
		if (maxSize <= 0) {
			throw new InvalidConfigurationPropertyValueException("checkpointing.local.max-size", properties.getMaxSize(),
					"Use a positive size such as 1GB");
		}
		this.directory = directory;
		this.local = new FilesystemBackend(directory, maxSize);
	}

	/**
	 * @param shared the store of {@code checkpointing.backend} or the application's
	 * @return the shared store behind the local copy; data versions, which change in place, are
	 * not copied
	 */
	CacheBackend inFrontOf(CacheBackend shared) {
		if (shared instanceof FilesystemBackend || shared instanceof MemoryBackend) {
			throw new InvalidConfigurationPropertyValueException(DIRECTORY, this.directory,
					"A local copy is for a shared store (checkpointing.backend=redis, jdbc or s3, or a CacheBackend bean of"
							+ " the application's), and " + shared.getClass().getSimpleName() + " is local already;"
							+ " remove checkpointing.local.directory");
		}
		return new LocalCopyBackend(this.local, shared,
				(header) -> !header.methodName().startsWith(StoredDataVersions.NAME_PREFIX));
	}

	@Override
	public void close() {
		this.local.close();
	}

}
