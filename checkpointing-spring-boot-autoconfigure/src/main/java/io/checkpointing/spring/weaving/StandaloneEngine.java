package io.checkpointing.spring.weaving;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import io.checkpointing.OnError;
import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.key.CodeScope;
import io.checkpointing.serial.JacksonSerializer;
import io.checkpointing.serial.JavaSerializer;
import io.checkpointing.serial.ResultSerializer;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.FilesystemBackend;
import io.checkpointing.store.MemoryBackend;
import org.aspectj.lang.JoinPoint;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of woven checkpointed methods that run outside any application context: a plain
 * {@code main}, or code that runs before the context starts. It exists only when the JVM is
 * started with {@code -Dcheckpointing.mode=aspectj}, so that an agent loaded for other aspects
 * never checkpoints an application that uses proxies. It is configured once, on the first such
 * call, by the system properties of the same names as the application properties:
 * {@code checkpointing.enabled}, {@code directory}, {@code backend} ({@code filesystem} or
 * {@code memory}), {@code on-error}, {@code serializer} ({@code json}, {@code smile},
 * {@code cbor}, {@code java}), {@code code.scope}, {@code code.packages} (comma-separated) and
 * {@code code.library-versions}, with the same defaults.
 */
final class StandaloneEngine {

	static final String MODE = "checkpointing.mode";

	private static final Logger logger = LoggerFactory.getLogger(StandaloneEngine.class);

	private static volatile @Nullable Resolved resolved;

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

	private static synchronized Resolved resolve(JoinPoint.StaticPart joinPoint) {
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
	 * @param properties the {@code checkpointing.*} settings
	 * @return an engine configured by them
	 * @throws IllegalArgumentException naming the property whose value is not valid
	 */
	static CheckpointEngine fromProperties(Properties properties) {
		boolean enabled = flag(properties, "checkpointing.enabled", true);
		OnError onError = OnError.valueOf(
				choice(properties, "checkpointing.on-error", "warn", "warn", "raise", "ignore").toUpperCase(Locale.ROOT));
		String backendName = choice(properties, "checkpointing.backend", "filesystem", "filesystem", "memory");
		Path directory = Path.of(properties.getProperty("checkpointing.directory", ".checkpointing"));
		CacheBackend backend = backendName.equals("memory") ? new MemoryBackend() : new FilesystemBackend(directory);
		Map<String, ResultSerializer> serializers = serializers();
		String serializer = properties.getProperty("checkpointing.serializer", "json").trim();
		if (!serializers.containsKey(serializer)) {
			throw new IllegalArgumentException("System property checkpointing.serializer is '" + serializer
					+ "'; use one of " + serializers.keySet());
		}
		CheckpointEngine.Builder builder = CheckpointEngine.builder()
			.enabled(enabled)
			.backend(backend)
			.onError(onError)
			.codeScope(codeScope(properties));
		serializers.values().forEach(builder::serializer);
		CheckpointEngine engine = builder.defaultSerializer(serializer).build();
		logger.info("Checkpointing {} outside an application context (system properties): backend {} at {},"
				+ " serializer {}, on-error {}", enabled ? "enabled" : "disabled (checkpointed methods run plainly)",
				backend.getClass().getSimpleName(), backend.location(), serializer,
				onError.name().toLowerCase(Locale.ROOT));
		return engine;
	}

	private static CodeScope codeScope(Properties properties) {
		boolean libraryVersions = flag(properties, "checkpointing.code.library-versions", false);
		if (choice(properties, "checkpointing.code.scope", "transitive", "transitive", "method").equals("method")) {
			return CodeScope.methodOnly().withLibraryVersions(libraryVersions);
		}
		List<String> packages = Arrays.stream(properties.getProperty("checkpointing.code.packages", "").split(","))
			.map(String::trim)
			.filter((name) -> !name.isEmpty())
			.toList();
		return CodeScope.transitive(packages).withLibraryVersions(libraryVersions);
	}

	/** The built-in serializers whose libraries are present, as the auto-configuration offers them. */
	private static Map<String, ResultSerializer> serializers() {
		Map<String, ResultSerializer> serializers = new LinkedHashMap<>();
		serializers.put("json", JacksonSerializer.json());
		if (isPresent("tools.jackson.dataformat.smile.SmileMapper")) {
			serializers.put("smile", JacksonSerializer.smile());
		}
		if (isPresent("tools.jackson.dataformat.cbor.CBORMapper")) {
			serializers.put("cbor", JacksonSerializer.cbor());
		}
		serializers.put("java", new JavaSerializer());
		return serializers;
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, StandaloneEngine.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	private static boolean flag(Properties properties, String name, boolean defaultValue) {
		return Boolean.parseBoolean(choice(properties, name, String.valueOf(defaultValue), "true", "false"));
	}

	private static String choice(Properties properties, String name, String defaultValue, String... allowed) {
		String value = properties.getProperty(name, defaultValue).trim().toLowerCase(Locale.ROOT);
		if (!Arrays.asList(allowed).contains(value)) {
			throw new IllegalArgumentException("System property " + name + " is '" + properties.getProperty(name)
					+ "'; use one of " + Arrays.toString(allowed));
		}
		return value;
	}

	/** What the first unbound call found: an engine, or none. */
	private record Resolved(@Nullable CheckpointEngine engine) {

	}

}
