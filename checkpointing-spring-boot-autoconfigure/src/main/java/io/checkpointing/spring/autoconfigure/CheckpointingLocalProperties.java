package io.checkpointing.spring.autoconfigure;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * A copy on local disk of what this process reads from or writes to a shared store
 * ({@code redis}, {@code jdbc}, {@code s3}, or a {@code CacheBackend} bean of the application's), read
 * first, under {@code checkpointing.local.*}.
 */
@ConfigurationProperties("checkpointing.local")
public class CheckpointingLocalProperties {

	/**
	 * The directory of the local copy, created on first use. Unset: no local copy. Each process
	 * may have its own, or the processes of one machine may share one.
	 */
	private @Nullable Path directory;

	/**
	 * The most the local copy may take; the least recently used entries are deleted beyond it,
	 * and an entry larger than this is not copied.
	 */
	private DataSize maxSize = DataSize.ofGigabytes(1);

	public @Nullable Path getDirectory() {
		return this.directory;
	}

	public void setDirectory(@Nullable Path directory) {
		this.directory = directory;
	}

	public DataSize getMaxSize() {
		return this.maxSize;
	}

	public void setMaxSize(DataSize maxSize) {
		this.maxSize = maxSize;
	}

}
