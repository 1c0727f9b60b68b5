package io.checkpointing.spring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import io.checkpointing.serial.BuiltInSerializers;
import io.checkpointing.store.EntrySigner;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.ClassUtils;
import org.springframework.util.unit.DataSize;

/**
 * Checks the {@code checkpointing.*} values that binding alone cannot: a positive time to live,
 * a known serializer, a long enough signing key, and so on. Every refusal is an
 * {@link InvalidConfigurationPropertyValueException} made by {@link #invalid}, which Spring Boot
 * reports at startup with the property, its value and what to do; closed choices (the backend,
 * the error policy) are enums that binding already refuses with the list of valid values.
 */
final class CheckpointingPropertiesValidator {

	private CheckpointingPropertiesValidator() {
	}

	static @Nullable Duration ttl(@Nullable Duration ttl) {
		if (ttl != null && (ttl.isZero() || ttl.isNegative())) {
			throw invalid("checkpointing.ttl", ttl, "Use a positive duration such as 12h or 7d, or leave it unset for no expiry");
		}
		return ttl;
	}

	static @Nullable Duration refreshAfter(@Nullable Duration refreshAfter, @Nullable Duration ttl) {
		if (refreshAfter != null && (refreshAfter.isZero() || refreshAfter.isNegative())) {
			throw invalid("checkpointing.refresh-after", refreshAfter,
					"Use a positive duration such as 1h, or leave it unset for no background refresh");
		}
		if (refreshAfter != null && ttl != null && refreshAfter.compareTo(ttl) >= 0) {
			throw invalid("checkpointing.refresh-after", refreshAfter, "It must be shorter than checkpointing.ttl (" + ttl
					+ "): an entry would expire before it is refreshed");
		}
		return refreshAfter;
	}

	static Duration lockTimeout(Duration timeout) {
		if (timeout.isNegative()) {
			throw invalid("checkpointing.lock.timeout", timeout, "Use a duration of zero or more, such as 10m");
		}
		return timeout;
	}

	static Duration dataVersionsRefresh(Duration refresh) {
		if (refresh.isNegative()) {
			throw invalid("checkpointing.data-versions.refresh", refresh, "Use a duration of zero or more, such as 1s");
		}
		return refresh;
	}

	/**
	 * @param known the ids of the serializers the application has
	 */
	static String serializer(String id, Set<String> known) {
		if (!known.contains(id)) {
			throw invalid("checkpointing.serializer", id, "Use one of " + known
					+ BuiltInSerializers.missingDependency(id).map((hint) -> ". " + hint).orElse(""));
		}
		return id;
	}

	/** @return the key's bytes, or {@code null} if entries are not signed */
	static byte @Nullable [] signingKey(@Nullable String key) {
		if (key == null) {
			return null;
		}
		byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
		if (bytes.length < EntrySigner.MIN_KEY_BYTES) {
			// The value is a secret: the message must not repeat it.
			throw invalid("checkpointing.signing.key", "(" + bytes.length + " bytes, hidden)",
					"Use at least " + EntrySigner.MIN_KEY_BYTES + " characters, ideally 32 or more random ones");
		}
		return bytes;
	}

	/** @return the size limit in bytes, {@link Long#MAX_VALUE} for none */
	static long maxSize(@Nullable DataSize maxSize) {
		if (maxSize == null) {
			return Long.MAX_VALUE;
		}
		if (maxSize.toBytes() <= 0) {
			throw invalid("checkpointing.filesystem.max-size", maxSize,
					"Use a positive size such as 10GB, or leave it unset for no limit");
		}
		return maxSize.toBytes();
	}

	/** @return whether the in-memory tier is on, once its bounds were checked */
	static boolean memoryTier(CheckpointingProperties.Memory memory) {
		Long maxEntries = memory.getMaxEntries();
		DataSize maxBytes = memory.getMaxBytes();
		if (maxEntries == null && maxBytes == null) {
			return false;
		}
		if (maxEntries != null && maxBytes != null) {
			throw invalid("checkpointing.memory.max-bytes", maxBytes,
					"Set either checkpointing.memory.max-entries or checkpointing.memory.max-bytes, not both");
		}
		String property = "checkpointing.memory." + ((maxEntries != null) ? "max-entries" : "max-bytes");
		if (!ClassUtils.isPresent("com.github.benmanes.caffeine.cache.Caffeine",
				CheckpointingPropertiesValidator.class.getClassLoader())) {
			throw invalid(property, "set",
					"The in-memory tier needs Caffeine: add com.github.ben-manes.caffeine:caffeine to the application");
		}
		long bound = (maxEntries != null) ? maxEntries : Objects.requireNonNull(maxBytes).toBytes();
		if (bound < 1) {
			throw invalid(property, (maxEntries != null) ? maxEntries : maxBytes, "Use a positive bound");
		}
		return true;
	}

	static String redisKeyPrefix(String keyPrefix) {
		if (keyPrefix.isEmpty()) {
			throw invalid("checkpointing.redis.key-prefix", "",
					"Use a non-empty prefix such as 'checkpointing:'; clearing the store deletes every key that starts with it");
		}
		return keyPrefix;
	}

	static Duration redisLockLease(Duration lease) {
		if (lease.toMillis() < 3) {
			throw invalid("checkpointing.redis.lock-lease", lease, "Use a duration well above a network round trip, such as 30s");
		}
		return lease;
	}

	static String s3Bucket(@Nullable String bucket) {
		if (bucket == null || bucket.isBlank()) {
			throw invalid("checkpointing.s3.bucket", bucket, "Name the bucket that holds the entries (it must exist)");
		}
		return bucket;
	}

	static Duration s3LockLease(Duration lease) {
		if (lease.compareTo(Duration.ofSeconds(3)) < 0) {
			throw invalid("checkpointing.s3.lock-lease", lease,
					"Use at least 3s, such as 30s: S3 tells modification times in whole seconds");
		}
		return lease;
	}

	static DataSize s3PartSize(DataSize partSize) {
		if (partSize.toBytes() < DataSize.ofMegabytes(5).toBytes()) {
			throw invalid("checkpointing.s3.part-size", partSize, "Use at least 5MB, S3's smallest part, such as 8MB");
		}
		return partSize;
	}

	static DataSize s3MultipartThreshold(DataSize threshold) {
		if (threshold.toBytes() < 1) {
			throw invalid("checkpointing.s3.multipart-threshold", threshold, "Use a positive size such as 16MB");
		}
		return threshold;
	}

	static int consoleRecentCalls(int recentCalls) {
		// The console is on when this is read: a ring of no calls would leave it nothing to show.
		if (recentCalls < 1 || recentCalls > 10_000) {
			throw invalid("checkpointing.console.recent-calls", recentCalls,
					"Use 1 to 10000 calls per method, such as 20; each is kept in memory");
		}
		return recentCalls;
	}

	static Duration consoleRefresh(Duration refresh) {
		if (refresh.compareTo(Duration.ofSeconds(1)) < 0) {
			throw invalid("checkpointing.console.refresh", refresh, "Use at least 1s, such as 5s");
		}
		return refresh;
	}

	/**
	 * Makes something from a property's value that its constructor checks, such as a table name.
	 * @return what {@code make} made
	 * @throws InvalidConfigurationPropertyValueException with the constructor's message if it
	 * refuses the value
	 */
	static <T> T made(String property, Object value, Supplier<T> make) {
		try {
			return make.get();
		}
		catch (IllegalArgumentException ex) {
			throw invalid(property, value, ex.getMessage());
		}
	}

	/**
	 * Says that no backend could be configured for {@code checkpointing.backend}, and what is missing.
	 */
	static InvalidConfigurationPropertyValueException noBackend(BackendType backend, ClassLoader classLoader) {
		String reason = switch (backend) {
			case REDIS -> ClassUtils.isPresent("org.springframework.data.redis.connection.RedisConnectionFactory",
					classLoader)
							? "There is no single RedisConnectionFactory bean: set spring.data.redis.*, or define one"
									+ " RedisConnectionFactory bean"
							: "Spring Data Redis is not on the classpath: add"
									+ " org.springframework.boot:spring-boot-starter-data-redis and set spring.data.redis.*,"
									+ " or choose another backend";
			case JDBC -> "There is no single DataSource bean: add org.springframework.boot:spring-boot-starter-jdbc and the"
					+ " PostgreSQL driver and set spring.datasource.url, or define one DataSource bean";
			case S3 -> "The AWS SDK's S3 module is not on the classpath: add software.amazon.awssdk:s3 and set"
					+ " checkpointing.s3.bucket, or choose another backend";
			case FILESYSTEM, MEMORY -> "No CacheBackend could be auto-configured: define a CacheBackend bean";
		};
		return invalid("checkpointing.backend", backend.name().toLowerCase(Locale.ROOT), reason);
	}

	/** The one place where a value that cannot be used becomes Spring Boot's property error. */
	private static InvalidConfigurationPropertyValueException invalid(String property, @Nullable Object value,
			@Nullable String reason) {
		return new InvalidConfigurationPropertyValueException(property, value, reason);
	}

}
