package io.checkpointing.key;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The configuration a method's reached code reads by name: {@code System.getenv("NAME")},
 * {@code System.getProperty("name")} and Spring's {@code Environment.getProperty("name")} (and
 * {@code getRequiredProperty}, {@code containsProperty}). The current value of each name read
 * joins the key, like a field read, and nothing else of the environment does, so an unrelated
 * property changing does not rerun. A read whose name is not a constant is keyed by every value
 * of its source, since which one it reads cannot be known.
 */
public final class ConfigurationReads {

	/** The classes through which Spring code reads properties, as named in bytecode. */
	private static final Set<String> PROPERTY_RESOLVERS = Set.of("org/springframework/core/env/PropertyResolver",
			"org/springframework/core/env/Environment", "org/springframework/core/env/ConfigurableEnvironment",
			"org/springframework/core/env/ConfigurablePropertyResolver", "org/springframework/core/env/AbstractEnvironment",
			"org/springframework/core/env/StandardEnvironment");

	private static final Set<String> PROPERTY_METHODS = Set.of("getProperty", "getRequiredProperty", "containsProperty");

	private final List<Read> reads;

	private ConfigurationReads(List<Read> reads) {
		this.reads = reads;
	}

	/**
	 * @param code what the walk of a method found
	 * @return the configuration its reached code reads
	 */
	public static ConfigurationReads of(MethodCode code) {
		List<Read> reads = new ArrayList<>();
		for (OutsideCall call : code.outsideCalls()) {
			Source source = sourceOf(call);
			if (source != null) {
				Read read = new Read(source, takesName(call) ? call.firstConstantArgument() : null);
				if (!reads.contains(read)) {
					reads.add(read);
				}
			}
		}
		return new ConfigurationReads(List.copyOf(reads));
	}

	private static @Nullable Source sourceOf(OutsideCall call) {
		if (call.calls("java.lang.System", "getenv")) {
			return Source.ENVIRONMENT_VARIABLE;
		}
		if (call.calls("java.lang.System", "getProperty") || call.calls("java.lang.System", "getProperties")) {
			return Source.SYSTEM_PROPERTY;
		}
		if (PROPERTY_RESOLVERS.contains(call.owner()) && PROPERTY_METHODS.contains(call.name())) {
			return Source.PROPERTY;
		}
		return null;
	}

	/** {@code System.getenv()} and {@code System.getProperties()} take no name: they read every value. */
	private static boolean takesName(OutsideCall call) {
		return call.descriptor().startsWith("(Ljava/lang/String;");
	}

	/** @return whether the method reads no configuration by name */
	public boolean isEmpty() {
		return this.reads.isEmpty();
	}

	/**
	 * @param properties the application's properties
	 * @return the digest of the current values of what is read
	 */
	public byte[] hash(PropertyLookup properties) {
		MessageDigest digest = Digests.sha256();
		for (Read read : this.reads) {
			update(digest, read.source().name());
			if (read.name() != null) {
				update(digest, read.name());
				String value = read.source().value(read.name(), properties);
				update(digest, (value != null) ? "=" + value : "unset");
			}
			else {
				read.source().all(properties).forEach((name, value) -> {
					update(digest, name);
					update(digest, value);
				});
			}
		}
		return digest.digest();
	}

	private static void update(MessageDigest digest, String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		digest.update((byte) (bytes.length >>> 24));
		digest.update((byte) (bytes.length >>> 16));
		digest.update((byte) (bytes.length >>> 8));
		digest.update((byte) bytes.length);
		digest.update(bytes);
	}

	/** @param name the constant name read, {@code null} when it is not a constant (every value counts) */
	private record Read(Source source, @Nullable String name) {

	}

	private enum Source {

		ENVIRONMENT_VARIABLE {
			@Override
			@Nullable String value(String name, PropertyLookup properties) {
				return System.getenv(name);
			}

			@Override
			Map<String, String> all(PropertyLookup properties) {
				return new TreeMap<>(System.getenv());
			}
		},

		SYSTEM_PROPERTY {
			@Override
			@Nullable String value(String name, PropertyLookup properties) {
				return System.getProperty(name);
			}

			@Override
			Map<String, String> all(PropertyLookup properties) {
				Map<String, String> all = new TreeMap<>();
				System.getProperties().forEach((name, value) -> all.put(String.valueOf(name), String.valueOf(value)));
				return all;
			}
		},

		PROPERTY {
			@Override
			@Nullable String value(String name, PropertyLookup properties) {
				return properties.property(name);
			}

			@Override
			Map<String, String> all(PropertyLookup properties) {
				return new TreeMap<>(properties.allProperties());
			}
		};

		abstract @Nullable String value(String name, PropertyLookup properties);

		abstract Map<String, String> all(PropertyLookup properties);

	}

}
