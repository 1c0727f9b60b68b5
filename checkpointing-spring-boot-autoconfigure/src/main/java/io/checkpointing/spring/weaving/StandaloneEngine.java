package io.checkpointing.spring.weaving;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.spring.autoconfigure.BackendType;
import io.checkpointing.spring.autoconfigure.CheckpointingProperties;
import io.checkpointing.spring.autoconfigure.CheckpointingPropertiesMapper;
import io.checkpointing.spring.expression.SpelCheckpointExpressions;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.MemoryBackend;
import org.aspectj.lang.JoinPoint;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.env.PropertiesPropertySource;

/**
 * The engine of woven checkpointed methods that run outside any application context: a plain
 * {@code main}, or code that runs before the context starts. It exists only when the JVM is
 * started with {@code -Dcheckpointing.mode=aspectj}, so that an agent loaded for other aspects
 * never checkpoints an application that uses proxies. It is configured once, on the first such
 * call, by the system properties of the same names as the application properties, bound to
 * {@link CheckpointingProperties} and mapped to the engine as the auto-configuration does
 * ({@link CheckpointingPropertiesMapper}), with the same defaults; the backend is
 * {@code filesystem} or {@code memory}, and only the built-in serializers exist.
 */
final class StandaloneEngine {

	static final String MODE = "checkpointing.mode";

	private static final Logger logger = LoggerFactory.getLogger(StandaloneEngine.class);

	private static volatile @Nullable Resolved resolved;

	/**
	 * Held while the engine is built on the first unbound call, which opens its store: a lock
	 * rather than a monitor, so that a virtual thread waiting here does not pin its carrier thread
	 * (Java 21 to 23 pin inside {@code synchronized}).
	 */
	private static final ReentrantLock resolving = new ReentrantLock();

	private StandaloneEngine() {
	}

	/**
	 * @param joinPoint the woven method called with no context bound
	 * @return the engine configured by system properties, or {@code null} if
	 * {@code checkpointing.mode} is not {@code aspectj}
	 */
	static @Nullable CheckpointEngine forUnboundCall(JoinPoint.StaticPart joinPoint) {
		Resolved current = resolved;
		return (current != null) ? current.engine() : resolve(joinPoint).engine();
	}

	private static Resolved resolve(JoinPoint.StaticPart joinPoint) {
		resolving.lock();
		try {
			return resolveOnce(joinPoint);
		}
		finally {
			resolving.unlock();
		}
	}

	private static Resolved resolveOnce(JoinPoint.StaticPart joinPoint) {
		Resolved current = resolved;
		if (current == null) {
			String mode = System.getProperty(MODE, "");
			if (mode.trim().equalsIgnoreCase("aspectj")) {
				current = new Resolved(fromProperties(System.getProperties()));
			}
			else {
				logger.warn("{} is woven for checkpointing but was called outside an application context in"
						+ " checkpointing.mode=aspectj, so it runs plainly. Start the JVM with -D{}=aspectj to checkpoint"
						+ " such calls with an engine configured by system properties (see docs/aspectj.md).",
						joinPoint.getSignature().toShortString(), MODE);
				current = new Resolved(null);
			}
			resolved = current;
		}
		return current;
	}

	/**
	 * @param systemProperties the {@code checkpointing.*} settings
	 * @return an engine configured by them
	 * @throws IllegalArgumentException naming the property whose value is not valid
	 */
	static CheckpointEngine fromProperties(Properties systemProperties) {
		CheckpointingProperties properties;
		CheckpointEngine engine;
		try {
			// Never null for a PropertiesPropertySource: it can enumerate its names.
			ConfigurationPropertySource source = Objects.requireNonNull(
					ConfigurationPropertySource.from(new PropertiesPropertySource("system properties", systemProperties)));
			properties = new Binder(source)
				.bindOrCreate("checkpointing", CheckpointingProperties.class);
			engine = CheckpointingPropertiesMapper.toBuilder(properties, backend(properties), List.of(), List.of())
				.expressions(new SpelCheckpointExpressions(null))
				.build();
		}
		catch (BindException ex) {
			throw new IllegalArgumentException(notValid(ex), ex);
		}
		catch (InvalidConfigurationPropertyValueException ex) {
			// As the user wrote it, unless it is a secret the message hides.
			Object value = ex.getName().equals("checkpointing.signing.key") ? ex.getValue()
					: systemProperties.getProperty(ex.getName(), String.valueOf(ex.getValue()));
			String reason = String.valueOf(ex.getReason());
			throw new IllegalArgumentException("System property " + ex.getName() + " is '" + value + "'; "
					+ reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1), ex);
		}
		logger.info("Checkpointing {} outside an application context (system properties): backend {} at {},"
				+ " serializer {}, on-error {}", properties.isEnabled() ? "enabled" : "disabled (checkpointed methods run plainly)",
				engine.administration().backend().getClass().getSimpleName(), engine.administration().backend().location(),
				engine.administration().defaultSerializer(), properties.getOnError().name().toLowerCase(Locale.ROOT));
		return engine;
	}

	/** Shared backends need the connections of an application context. */
	private static CacheBackend backend(CheckpointingProperties properties) {
		return switch (properties.getBackend()) {
			case FILESYSTEM -> CheckpointingPropertiesMapper.filesystemBackend(properties).build();
			case MEMORY -> new MemoryBackend();
			case REDIS, JDBC, S3 -> throw new InvalidConfigurationPropertyValueException("checkpointing.backend",
					properties.getBackend().name().toLowerCase(Locale.ROOT), "Use one of [filesystem, memory]: "
							+ properties.getBackend().name().toLowerCase(Locale.ROOT)
							+ " needs an application context");
		};
	}

	/** Says which property has a value that is not one of its type's, and which values are. */
	private static String notValid(BindException ex) {
		String name = (ex.getProperty() != null) ? ex.getProperty().getName().toString() : ex.getName().toString();
		Object value = (ex.getProperty() != null) ? ex.getProperty().getValue() : null;
		ConversionFailedException conversion = findCause(ex, ConversionFailedException.class);
		Object[] constants = (conversion != null) ? conversion.getTargetType().getType().getEnumConstants() : null;
		String allowed = (constants != null) ? Arrays.stream(constants)
			.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
			.collect(Collectors.joining(", ", "use one of [", "]"))
				: "it is not a " + ((conversion != null) ? conversion.getTargetType().getType().getSimpleName() : "valid value");
		return "System property " + name + " is '" + value + "'; " + allowed;
	}

	private static <T extends Throwable> @Nullable T findCause(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	/** What the first unbound call found: an engine, or none. */
	private record Resolved(@Nullable CheckpointEngine engine) {

	}

}
