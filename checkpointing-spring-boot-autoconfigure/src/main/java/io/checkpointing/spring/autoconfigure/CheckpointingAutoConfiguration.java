package io.checkpointing.spring.autoconfigure;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;

import io.checkpointing.engine.CallObserver;
import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.engine.CheckpointEngineBuilder;
import io.checkpointing.engine.CheckpointListener;
import io.checkpointing.key.KeyContributor;
import io.checkpointing.key.KeyStrategy;
import io.checkpointing.serial.ResultSerializer;
import io.checkpointing.spring.CheckpointAspect;
import io.checkpointing.spring.CheckpointEvictAdvisor;
import io.checkpointing.spring.CheckpointedMethodsAtStartup;
import io.checkpointing.spring.ProxiedCheckpointsCheck;
import io.checkpointing.spring.expression.CheckpointExpressionsCheck;
import io.checkpointing.spring.expression.SpelCheckpointExpressions;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.CircuitBreakingBackend;
import io.checkpointing.store.FilesystemBackend;
import io.checkpointing.store.MemoryBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;

/**
 * Auto-configures checkpointing: a {@link CheckpointEngine} (which is also the
 * {@link io.checkpointing.Checkpoints} bean) on the {@link CacheBackend} that one of the backend
 * configurations defines for {@code checkpointing.backend}, unless the application defines its
 * own, and the aspect that applies {@code @Checkpoint}. Every {@link CheckpointListener},
 * {@link KeyContributor} and {@link ResultSerializer} bean joins the engine, and every
 * {@link CheckpointEngineBuilderCustomizer} adjusts it. In {@code checkpointing.mode=proxy} (the
 * default) the aspect takes effect through Spring Boot's AOP auto-configuration
 * ({@code spring.aop.auto}, on by default); in {@code aspectj} mode the AspectJ weaver applies
 * it instead (see {@code io.checkpointing.spring.weaving.WovenAspectAutoConfiguration}).
 */
@AutoConfiguration(afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
		"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration" })
@EnableConfigurationProperties({ CheckpointingProperties.class, CheckpointingBreakerProperties.class,
		CheckpointingPruneProperties.class })
@Import({ FilesystemBackendConfiguration.class, MemoryBackendConfiguration.class, RedisBackendConfiguration.class,
		JdbcBackendConfiguration.class, S3BackendConfiguration.class, LocalCopyConfiguration.class })
public final class CheckpointingAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(CheckpointingAutoConfiguration.class);

	/** The name of Spring Boot's auto-configured task executor, which background refreshes use. */
	static final String APPLICATION_TASK_EXECUTOR = "applicationTaskExecutor";

	@Bean
	@ConditionalOnMissingBean
	CheckpointEngine checkpointEngine(CheckpointingProperties properties, CheckpointingBreakerProperties breaker,
			ObjectProvider<CacheBackend> backends, ObjectProvider<LocalCopies> localCopies,
			ObjectProvider<ResultSerializer> serializers, ObjectProvider<CheckpointListener> listeners,
			ObjectProvider<KeyContributor> keyContributors, ObjectProvider<KeyStrategy> keyStrategy,
			ObjectProvider<CheckpointEngineBuilderCustomizer> customizers, SpelCheckpointExpressions expressions,
			@Qualifier(APPLICATION_TASK_EXECUTOR) ObjectProvider<Executor> taskExecutor, ObjectProvider<CallObserver> observer,
			BeanFactory beanFactory, Environment environment) {
		NativeImageCheck.requireJvm(properties.isEnabled());
		CacheBackend backend = backends.getIfAvailable();
		if (backend == null) {
			// The context's class loader, which tells what the application has.
			ClassLoader classLoader = (beanFactory instanceof ConfigurableBeanFactory configurable)
					? configurable.getBeanClassLoader() : null;
			throw CheckpointingPropertiesValidator.noBackend(properties.getBackend(),
					(classLoader != null) ? classLoader : CheckpointingAutoConfiguration.class.getClassLoader());
		}
		LocalCopies local = localCopies.getIfAvailable();
		if (local != null) {
			backend = local.inFrontOf(backend);
		}
		// Application code is what Spring Boot scans, plus checkpointing.code.packages.
		List<String> applicationPackages = AutoConfigurationPackages.has(beanFactory)
				? AutoConfigurationPackages.get(beanFactory) : List.of();
		CheckpointEngineBuilder builder = CheckpointingPropertiesMapper.toBuilder(properties, withBreaker(backend, breaker),
				serializers.orderedStream().toList(), applicationPackages);
		// Resolved now, not when the auto-configurations are read, so listeners that later
		// auto-configurations define (metrics) are included.
		listeners.orderedStream().forEach(builder::listener);
		keyContributors.orderedStream().forEach(builder::keyContributor);
		builder.keyStrategy(keyStrategy.getIfUnique());
		if (beanFactory instanceof ConfigurableListableBeanFactory listable) {
			builder.managedObjects(new SpringManagedObjects(listable));
		}
		builder.propertyLookup(new EnvironmentPropertyLookup(environment));
		builder.expressions(expressions);
		// Spring Boot's executor: virtual threads with spring.threads.virtual.enabled, else its pool.
		taskExecutor.ifAvailable(builder::refreshExecutor);
		observer.ifUnique(builder::observer);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		CheckpointEngine engine = builder.build();
		logger.info("Checkpointing {}: backend {} at {}, serializer {}, on-error {}, entries {}",
				properties.isEnabled() ? "enabled" : "disabled (checkpointed methods run plainly)",
				backend.getClass().getSimpleName(), backend.location(), engine.administration().defaultSerializer(),
				properties.getOnError().name().toLowerCase(Locale.ROOT),
				(properties.getSigning().getKey() != null) ? "signed" : "unsigned");
		warnIfSharedAndUnsigned(properties, backend);
		return engine;
	}

	/**
	 * A store reached over the network gets a circuit breaker, so that while it is down the calls
	 * skip it instead of each waiting for its connection to fail. Local stores fail fast already.
	 */
	static CacheBackend withBreaker(CacheBackend backend, CheckpointingBreakerProperties breaker) {
		if (!breaker.isEnabled() || backend instanceof FilesystemBackend || backend instanceof MemoryBackend
				|| backend instanceof CircuitBreakingBackend) {
			return backend;
		}
		return new CircuitBreakingBackend(backend, breaker.getFailures(), breaker.getInitialBackOff(),
				breaker.getMaxBackOff());
	}

	/**
	 * A shared store is written by every process with its credentials, and unsigned entries are
	 * taken at their word: say so while the fix is one property away.
	 */
	private static void warnIfSharedAndUnsigned(CheckpointingProperties properties, CacheBackend backend) {
		boolean shared = properties.getBackend() == BackendType.REDIS || properties.getBackend() == BackendType.JDBC
				|| properties.getBackend() == BackendType.S3;
		if (shared && properties.getSigning().getKey() == null) {
			logger.warn("Checkpointing stores unsigned entries in {} ({}): anyone who can write there can make this"
					+ " application return values of their choosing from its @Checkpoint methods. Set"
					+ " checkpointing.signing.key to the same secret in every application sharing the store, so that"
					+ " entries it did not sign are refused before they are read.", backend.location(),
					properties.getBackend().name().toLowerCase(Locale.ROOT));
		}
	}

	/**
	 * The SpEL of {@code @Checkpoint(condition, unless)} and {@code @Checkpoint.Key}, with the
	 * context's beans as {@code @name}.
	 */
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static SpelCheckpointExpressions checkpointExpressions(BeanFactory beanFactory) {
		return new SpelCheckpointExpressions(beanFactory);
	}

	/** Fails the startup on an expression that cannot be parsed, whatever the mode. */
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static CheckpointExpressionsCheck checkpointExpressionsCheck(SpelCheckpointExpressions expressions) {
		return new CheckpointExpressionsCheck(expressions);
	}

	/**
	 * Tells the engine every bean's checkpointed methods once the singletons exist, and prunes the
	 * entries of their old code with {@code checkpointing.prune-on-startup}.
	 */
	@Bean
	static CheckpointedMethodsAtStartup checkpointedMethodsAtStartup(ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<CheckpointEngine> engine, ObjectProvider<CheckpointingPruneProperties> prune,
			ObjectProvider<CheckpointingProperties> properties) {
		return new CheckpointedMethodsAtStartup(beanFactory, engine, prune.getObject().isPruneOnStartup(),
				properties.getObject().getOnError().toOnError());
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
	static CheckpointAspect checkpointAspect(ObjectProvider<CheckpointEngine> engine, Environment environment) {
		CheckpointAspect aspect = new CheckpointAspect(engine::getObject);
		aspect.setOrder(CheckpointingOrderProperties.of(environment));
		return aspect;
	}

	/**
	 * Warns at startup of {@code @Checkpoint} interface methods that a JDK proxy with no class
	 * behind it answers: their code cannot be part of their key.
	 */
	@Bean
	@ConditionalOnProperty(name = "checkpointing.mode", havingValue = "proxy", matchIfMissing = true)
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static ProxiedCheckpointsCheck proxiedCheckpointsCheck() {
		return new ProxiedCheckpointsCheck();
	}

	/** {@code @CheckpointEvict}, advised as {@code @Checkpoint} is, for the same reasons. */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(name = "checkpointing.mode", havingValue = "proxy", matchIfMissing = true)
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static CheckpointEvictAdvisor checkpointEvictAdvisor(ObjectProvider<CheckpointEngine> engine,
			Environment environment) {
		CheckpointEvictAdvisor advisor = new CheckpointEvictAdvisor(engine::getObject);
		advisor.setOrder(CheckpointingOrderProperties.of(environment));
		return advisor;
	}

}
