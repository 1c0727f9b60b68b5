package io.checkpointing.spring.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.checkpointing.OnError;
import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.key.CodeScope;
import io.checkpointing.key.KeyContributor;
import io.checkpointing.key.KeyStrategy;
import io.checkpointing.engine.CheckpointListener;
import io.checkpointing.serial.JacksonSerializer;
import io.checkpointing.serial.JavaSerializer;
import io.checkpointing.serial.ResultSerializer;
import io.checkpointing.spring.CheckpointAspect;
import io.checkpointing.spring.weaving.WovenAspectBinding;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.EntrySigner;
import io.checkpointing.store.FilesystemBackend;
import io.checkpointing.store.MemoryBackend;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.unit.DataSize;

/**
 * Auto-configures checkpointing: a {@link CheckpointEngine} (which is also the
 * {@link io.checkpointing.Checkpoints} bean), the {@link CacheBackend} chosen by
 * {@code checkpointing.backend} unless the application defines its own, and the aspect that
 * applies {@code @Checkpoint}. Every {@link CheckpointListener} bean is told of the engine's
 * events. In {@code checkpointing.mode=proxy} (the default) the aspect takes effect through
 * Spring Boot's AOP auto-configuration ({@code spring.aop.auto}, on by default); in
 * {@code aspectj} mode the AspectJ weaver applies it instead (see {@link WovenAspectBinding}).
 */
@AutoConfiguration(afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration" })
@EnableConfigurationProperties(CheckpointingProperties.class)
@Import({ RedisBackendConfiguration.class, JdbcBackendConfiguration.class })
public final class CheckpointingAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(CheckpointingAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	CacheBackend checkpointingCacheBackend(CheckpointingProperties properties) {
		return switch (properties.getBackend()) {
			case FILESYSTEM -> new FilesystemBackend(properties.getDirectory(), maxSize(properties.getFilesystem()));
			case MEMORY -> new MemoryBackend();
			// Reached only when RedisBackendConfiguration did not apply: Spring Data Redis is missing.
			case REDIS -> throw new InvalidConfigurationPropertyValueException("checkpointing.backend", "redis",
					"Spring Data Redis is not on the classpath: add org.springframework.boot:spring-boot-starter-data-redis"
							+ " and set spring.data.redis.*, or choose another backend");
			case JDBC -> throw new IllegalStateException("JdbcBackendConfiguration defines the jdbc backend");
		};
	}

	private static long maxSize(CheckpointingProperties.Filesystem filesystem) {
		DataSize maxSize = filesystem.getMaxSize();
		if (maxSize == null) {
			return Long.MAX_VALUE;
		}
		if (maxSize.toBytes() <= 0) {
			throw new InvalidConfigurationPropertyValueException("checkpointing.filesystem.max-size", maxSize,
					"Use a positive size such as 10GB, or leave it unset for no limit");
		}
		return maxSize.toBytes();
	}

	@Bean
	@ConditionalOnMissingBean
	CheckpointEngine checkpointEngine(CheckpointingProperties properties, CacheBackend backend,
			ObjectProvider<ResultSerializer> userSerializers, ObjectProvider<CheckpointListener> listeners,
			ObjectProvider<KeyContributor> keyContributors, ObjectProvider<KeyStrategy> keyStrategy,
			BeanFactory beanFactory) {
		if (properties.getOnError() == OnError.INHERIT) {
			throw new InvalidConfigurationPropertyValueException("checkpointing.on-error", "inherit",
					"Use warn, raise or ignore; inherit is only meaningful on @Checkpoint(onError = ...)");
		}
		requirePositive("checkpointing.ttl", properties.getTtl());
		if (properties.getLock().getTimeout().isNegative()) {
			throw new InvalidConfigurationPropertyValueException("checkpointing.lock.timeout",
					properties.getLock().getTimeout(), "Use a duration of zero or more, such as 10m");
		}
		Map<String, ResultSerializer> serializers = serializers(userSerializers);
		if (!serializers.containsKey(properties.getSerializer())) {
			throw new InvalidConfigurationPropertyValueException("checkpointing.serializer", properties.getSerializer(),
					"Use one of " + serializers.keySet() + ", or define a ResultSerializer bean with that id");
		}
		CheckpointEngine.Builder builder = CheckpointEngine.builder()
			.enabled(properties.isEnabled())
			.backend(backend)
			.defaultSerializer(properties.getSerializer())
			.onError(properties.getOnError())
			.timeToLive(properties.getTtl())
			.lockTimeout(properties.getLock().getTimeout())
			.signer(signer(properties.getSigning()))
			.codeScope(codeScope(properties.getCode(), beanFactory))
			.memoryTier(MemoryTiers.of(properties.getMemory()));
		serializers.values().forEach(builder::serializer);
		// Resolved now, not when the auto-configurations are read, so listeners that later
		// auto-configurations define (metrics) are included.
		listeners.orderedStream().forEach(builder::listener);
		keyContributors.orderedStream().forEach(builder::keyContributor);
		builder.keyStrategy(keyStrategy.getIfUnique());
		logger.info("Checkpointing {}: backend {} at {}, serializer {}, on-error {}, entries {}",
				properties.isEnabled() ? "enabled" : "disabled (checkpointed methods run plainly)",
				backend.getClass().getSimpleName(), backend.location(), properties.getSerializer(),
				properties.getOnError().name().toLowerCase(),
				(properties.getSigning().getKey() != null) ? "signed" : "unsigned");
		warnIfSharedAndUnsigned(properties, backend);
		return builder.build();
	}

	/**
	 * A shared store is written by every process with its credentials, and unsigned entries are
	 * taken at their word: say so while the fix is one property away.
	 */
	private static void warnIfSharedAndUnsigned(CheckpointingProperties properties, CacheBackend backend) {
		boolean shared = properties.getBackend() == CheckpointingProperties.Backend.REDIS
				|| properties.getBackend() == CheckpointingProperties.Backend.JDBC;
		if (shared && properties.getSigning().getKey() == null) {
			logger.warn("Checkpointing stores unsigned entries in {} ({}): anyone who can write there can make this"
					+ " application return values of their choosing from its @Checkpoint methods. Set"
					+ " checkpointing.signing.key to the same secret in every application sharing the store, so that"
					+ " entries it did not sign are refused before they are read.", backend.location(),
					properties.getBackend().name().toLowerCase());
		}
	}

	private static @Nullable EntrySigner signer(CheckpointingProperties.Signing signing) {
		String key = signing.getKey();
		if (key == null) {
			return null;
		}
		byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
		if (bytes.length < EntrySigner.MIN_KEY_BYTES) {
			// The value is a secret: the message must not repeat it.
			throw new InvalidConfigurationPropertyValueException("checkpointing.signing.key", "(" + bytes.length + " bytes, hidden)",
					"Use at least " + EntrySigner.MIN_KEY_BYTES + " characters, ideally 32 or more random ones");
		}
		return new EntrySigner(bytes);
	}

	private static void requirePositive(String property, @Nullable Duration value) {
		if (value != null && (value.isZero() || value.isNegative())) {
			throw new InvalidConfigurationPropertyValueException(property, value,
					"Use a positive duration such as 12h or 7d, or leave it unset for no expiry");
		}
	}

	/**
	 * Application code is what Spring Boot scans (the packages of {@code @SpringBootApplication})
	 * plus {@code checkpointing.code.packages}.
	 */
	private static CodeScope codeScope(CheckpointingProperties.Code code, BeanFactory beanFactory) {
		if (code.getScope() == CheckpointingProperties.Code.Scope.METHOD) {
			return CodeScope.methodOnly().withLibraryVersions(code.isLibraryVersions());
		}
		List<String> packages = new ArrayList<>(code.getPackages());
		if (AutoConfigurationPackages.has(beanFactory)) {
			packages.addAll(AutoConfigurationPackages.get(beanFactory));
		}
		return CodeScope.transitive(packages).withLibraryVersions(code.isLibraryVersions());
	}

	/** The built-in serializers whose libraries are present, then the application's, which win on equal ids. */
	private static Map<String, ResultSerializer> serializers(ObjectProvider<ResultSerializer> userSerializers) {
		Map<String, ResultSerializer> serializers = new LinkedHashMap<>();
		ClassLoader classLoader = CheckpointingAutoConfiguration.class.getClassLoader();
		serializers.put("json", JacksonSerializer.json());
		if (ClassUtils.isPresent("tools.jackson.dataformat.smile.SmileMapper", classLoader)) {
			serializers.put("smile", JacksonSerializer.smile());
		}
		if (ClassUtils.isPresent("tools.jackson.dataformat.cbor.CBORMapper", classLoader)) {
			serializers.put("cbor", JacksonSerializer.cbor());
		}
		serializers.put("java", new JavaSerializer());
		userSerializers.orderedStream().forEach((serializer) -> serializers.put(serializer.id(), serializer));
		return serializers;
	}

	/**
	 * An advisor, which the auto-proxy creator instantiates while post-processors are set up:
	 * static, and given the engine lazily, so that neither this class nor the engine's
	 * collaborators are created that early.
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(name = "checkpointing.mode", havingValue = "proxy", matchIfMissing = true)
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static CheckpointAspect checkpointAspect(ObjectProvider<CheckpointEngine> engine) {
		return new CheckpointAspect(engine::getObject);
	}

	/**
	 * Binds the AspectJ-woven aspect to this context: to its engine in aspectj mode (the proxy
	 * aspect above is then absent), to none in proxy mode, so no method is advised twice.
	 */
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static WovenAspectBinding checkpointWovenAspectBinding(Environment environment,
			ObjectProvider<CheckpointEngine> engine) {
		CheckpointingProperties.Mode mode = Binder.get(environment)
			.bind("checkpointing.mode", CheckpointingProperties.Mode.class)
			.orElse(CheckpointingProperties.Mode.PROXY);
		return (mode == CheckpointingProperties.Mode.ASPECTJ) ? WovenAspectBinding.aspectjMode(engine)
				: WovenAspectBinding.proxyMode();
	}

}
