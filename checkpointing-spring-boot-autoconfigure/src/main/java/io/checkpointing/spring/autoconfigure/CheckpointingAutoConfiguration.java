package io.checkpointing.spring.autoconfigure;

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
import io.checkpointing.store.FilesystemBackend;
import io.checkpointing.store.MemoryBackend;
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
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Auto-configures checkpointing: a {@link CheckpointEngine} (which is also the
 * {@link io.checkpointing.Checkpoints} bean), the {@link CacheBackend} chosen by
 * {@code checkpointing.backend} unless the application defines its own, and the aspect that
 * applies {@code @Checkpoint}. Every {@link CheckpointListener} bean is told of the engine's
 * events. In {@code checkpointing.mode=proxy} (the default) the aspect takes effect through
 * Spring Boot's AOP auto-configuration ({@code spring.aop.auto}, on by default); in
 * {@code aspectj} mode the AspectJ weaver applies it instead (see {@link WovenAspectBinding}).
 */
@AutoConfiguration
@EnableConfigurationProperties(CheckpointingProperties.class)
public final class CheckpointingAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(CheckpointingAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	CacheBackend checkpointingCacheBackend(CheckpointingProperties properties) {
		return switch (properties.getBackend()) {
			case FILESYSTEM -> new FilesystemBackend(properties.getDirectory());
			case MEMORY -> new MemoryBackend();
		};
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
			.codeScope(codeScope(properties.getCode(), beanFactory));
		serializers.values().forEach(builder::serializer);
		// Resolved now, not when the auto-configurations are read, so listeners that later
		// auto-configurations define (metrics) are included.
		listeners.orderedStream().forEach(builder::listener);
		keyContributors.orderedStream().forEach(builder::keyContributor);
		builder.keyStrategy(keyStrategy.getIfUnique());
		logger.info("Checkpointing {}: backend {} at {}, serializer {}, on-error {}",
				properties.isEnabled() ? "enabled" : "disabled (checkpointed methods run plainly)",
				backend.getClass().getSimpleName(), backend.location(), properties.getSerializer(),
				properties.getOnError().name().toLowerCase());
		return builder.build();
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
