package io.checkpointing.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Collects the settings of a {@link FilesystemBackend}, so that they can be adjusted before it
 * is made: Spring Boot's auto-configuration hands it to each {@code FilesystemBackendCustomizer}.
 * The backend checks the settings when it is built.
 */
public final class FilesystemBackendBuilder {

	private Path directory;

	private long maxSize = Long.MAX_VALUE;

	/**
	 * @param directory where entries are stored; created on the first write
	 */
	public FilesystemBackendBuilder(Path directory) {
		directory(directory);
	}

	/**
	 * @param directory where entries are stored; created on the first write
	 * @return this builder
	 */
	public FilesystemBackendBuilder directory(Path directory) {
		this.directory = Objects.requireNonNull(directory, "directory must not be null");
		return this;
	}

	/**
	 * @param maxSize the most bytes the entries may take before the least recently used are
	 * deleted, positive; {@link Long#MAX_VALUE} (the default) for no limit
	 * @return this builder
	 */
	public FilesystemBackendBuilder maxSize(long maxSize) {
		this.maxSize = maxSize;
		return this;
	}

	/**
	 * @return the backend
	 * @throws IllegalArgumentException if the size limit is not positive
	 */
	public FilesystemBackend build() {
		return new FilesystemBackend(this.directory, this.maxSize);
	}

}
