package io.checkpointing.spring.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import io.checkpointing.engine.CheckpointEngineBuilder;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of checkpointing, under {@code checkpointing.*}: plain data with the engine's
 * defaults, checked and turned into an engine builder by {@link CheckpointingPropertiesMapper}.
 */
@ConfigurationProperties("checkpointing")
public class CheckpointingProperties {

	/**
	 * Whether checkpointed methods use stored results. When false, every checkpointed method runs
	 * plainly and nothing is read or written.
	 */
	private boolean enabled = true;

	/**
	 * Where the filesystem backend stores entries. Relative paths are resolved against the
	 * working directory. Created on the first write, with a .gitignore.
	 */
	private Path directory = CheckpointEngineBuilder.DEFAULT_DIRECTORY;

	/**
	 * What happens when checkpointing itself fails (an argument that cannot be hashed, a result
	 * that cannot be stored, an unwritable store): warn (log once, run the method plainly), raise
	 * (throw CheckpointException) or ignore (run plainly, say nothing). @Checkpoint(onError = ...)
	 * overrides it per method.
	 */
	private ErrorPolicy onError = ErrorPolicy.WARN;

	/**
	 * The serializer of results: json, smile, cbor, java, or the id of a ResultSerializer bean. A
	 * method's @Checkpoint(serializer = ...) overrides it.
	 */
	private String serializer = CheckpointEngineBuilder.DEFAULT_SERIALIZER;

	/**
	 * Where entries are stored: filesystem, redis (Spring Boot's RedisConnectionFactory), jdbc
	 * (the application's DataSource, PostgreSQL), s3 (checkpointing.s3.*) or memory. Ignored when
	 * the application defines its own CacheBackend bean.
	 */
	private BackendType backend = BackendType.FILESYSTEM;

	/**
	 * How long a stored result stays valid; an older entry is a miss and is computed again. Unset
	 * means for ever. @Checkpoint(ttl = ...) overrides it per method.
	 */
	private @Nullable Duration ttl;

	/**
	 * The age after which a stored result is refreshed: a call that finds an older entry gets it
	 * at once and the method runs again in the background to replace it. Shorter than ttl. Unset
	 * means never. @Checkpoint(refreshAfter = ...) overrides it per method.
	 */
	private @Nullable Duration refreshAfter;

	/**
	 * How @Checkpoint methods are intercepted: proxy (Spring AOP proxies: calls through a bean
	 * reference only) or aspectj (the AspectJ weaver, with the -javaagent or ajc: also
	 * self-invocation, private and static methods and objects created with new).
	 */
	private CheckpointingMode mode = CheckpointingMode.PROXY;

	@NestedConfigurationProperty
	private final CheckpointingCodeProperties code = new CheckpointingCodeProperties();

	private final Lock lock = new Lock();

	private final DataVersions dataVersions = new DataVersions();

	private final Signing signing = new Signing();

	private final Redis redis = new Redis();

	private final Jdbc jdbc = new Jdbc();

	private final Memory memory = new Memory();

	private final Filesystem filesystem = new Filesystem();

	private final Metrics metrics = new Metrics();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Path getDirectory() {
		return this.directory;
	}

	public void setDirectory(Path directory) {
		this.directory = directory;
	}

	public ErrorPolicy getOnError() {
		return this.onError;
	}

	public void setOnError(ErrorPolicy onError) {
		this.onError = onError;
	}

	public String getSerializer() {
		return this.serializer;
	}

	public void setSerializer(String serializer) {
		this.serializer = serializer;
	}

	public BackendType getBackend() {
		return this.backend;
	}

	public void setBackend(BackendType backend) {
		this.backend = backend;
	}

	public @Nullable Duration getTtl() {
		return this.ttl;
	}

	public void setTtl(@Nullable Duration ttl) {
		this.ttl = ttl;
	}

	public @Nullable Duration getRefreshAfter() {
		return this.refreshAfter;
	}

	public void setRefreshAfter(@Nullable Duration refreshAfter) {
		this.refreshAfter = refreshAfter;
	}

	public CheckpointingMode getMode() {
		return this.mode;
	}

	public void setMode(CheckpointingMode mode) {
		this.mode = mode;
	}

	public CheckpointingCodeProperties getCode() {
		return this.code;
	}

	public Lock getLock() {
		return this.lock;
	}

	public DataVersions getDataVersions() {
		return this.dataVersions;
	}

	public Signing getSigning() {
		return this.signing;
	}

	public Redis getRedis() {
		return this.redis;
	}

	public Jdbc getJdbc() {
		return this.jdbc;
	}

	public Memory getMemory() {
		return this.memory;
	}

	public Filesystem getFilesystem() {
		return this.filesystem;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	/** The checkpointing meters. */
	public static class Metrics {

		/**
		 * Whether checkpointing records its meters in the application's MeterRegistry, when there
		 * is one.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/** Signing of entries, so that only holders of a secret can feed the application values. */
	public static class Signing {

		/**
		 * Secret key (at least 16 characters; 32 random characters or more is better) for an
		 * HMAC-SHA256 signature on every entry. Entries without this key's signature are refused
		 * before anything in them is deserialized, and the method runs. Every application that
		 * shares a store must use the same key. Unset: entries are not signed.
		 */
		private @Nullable String key;

		public @Nullable String getKey() {
			return this.key;
		}

		public void setKey(@Nullable String key) {
			this.key = key;
		}

	}

	/** The filesystem backend, whose directory is {@code checkpointing.directory}. */
	public static class Filesystem {

		/**
		 * The most the entries under checkpointing.directory may take, such as 10GB. Beyond it the
		 * least recently used entries are deleted in the background; an entry larger than the limit
		 * is not stored. Unset means no limit.
		 */
		private @Nullable DataSize maxSize;

		public @Nullable DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(@Nullable DataSize maxSize) {
			this.maxSize = maxSize;
		}

	}

	/** How processes that share a store agree on who computes a missing key. */
	public static class Lock {

		/**
		 * How long a miss waits while another process that shares the store computes the same
		 * key. After it, this process computes the key as well and logs a warning.
		 */
		private Duration timeout = CheckpointEngineBuilder.DEFAULT_LOCK_TIMEOUT;

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/** The data versions of entity types, folded into the keys of methods that read them through repositories. */
	public static class DataVersions {

		/**
		 * How long a data version read from the store is used before it is read again: a write
		 * made by another instance that shares the store is seen within that time (writes made by
		 * this instance are seen at once). Zero reads the store on every call of such a method.
		 */
		private Duration refresh = CheckpointEngineBuilder.DEFAULT_DATA_VERSIONS_REFRESH;

		public Duration getRefresh() {
			return this.refresh;
		}

		public void setRefresh(Duration refresh) {
			this.refresh = refresh;
		}

	}

	/** The Redis backend ({@code checkpointing.backend=redis}). */
	public static class Redis {

		/**
		 * The start of every Redis key the backend writes: entries are <prefix><key>, leases
		 * <prefix>lock:<key>. Clearing the store deletes the entries under this prefix.
		 */
		private String keyPrefix = "checkpointing:";

		/**
		 * How long a key's lease lasts unless its holder renews it (every third of it). When a
		 * holder dies, the other instances wait this long before one of them computes the key.
		 */
		private Duration lockLease = Duration.ofSeconds(30);

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public Duration getLockLease() {
			return this.lockLease;
		}

		public void setLockLease(Duration lockLease) {
			this.lockLease = lockLease;
		}

	}

	/** The JDBC backend ({@code checkpointing.backend=jdbc}). */
	public static class Jdbc {

		/**
		 * The table that holds the entries, created on first use if missing: a plain SQL
		 * identifier, optionally qualified by a schema (schema.table).
		 */
		private String tableName = "checkpointing_entry";

		public String getTableName() {
			return this.tableName;
		}

		public void setTableName(String tableName) {
			this.tableName = tableName;
		}

	}

	/** The in-memory tier in front of the backend (needs Caffeine on the class path). */
	public static class Memory {

		/**
		 * How many results to keep in memory at most. Setting this or max-bytes turns the tier
		 * on; it is off by default.
		 */
		private @Nullable Long maxEntries;

		/**
		 * How many bytes of encoded results to keep in memory at most. Setting this or
		 * max-entries turns the tier on; set only one of them.
		 */
		private @Nullable DataSize maxBytes;

		/**
		 * Whether to hand every caller the same result object, without a copy. Faster for
		 * mutable results (lists, maps, arrays, beans), but a caller that mutates its result
		 * changes what later hits return. Results no caller can change (strings, numbers,
		 * records of such) are always shared.
		 */
		private boolean shareResults = false;

		public @Nullable Long getMaxEntries() {
			return this.maxEntries;
		}

		public void setMaxEntries(@Nullable Long maxEntries) {
			this.maxEntries = maxEntries;
		}

		public @Nullable DataSize getMaxBytes() {
			return this.maxBytes;
		}

		public void setMaxBytes(@Nullable DataSize maxBytes) {
			this.maxBytes = maxBytes;
		}

		public boolean isShareResults() {
			return this.shareResults;
		}

		public void setShareResults(boolean shareResults) {
			this.shareResults = shareResults;
		}

	}

}
