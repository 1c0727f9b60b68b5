package io.checkpointing.processes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The auto-configurations of the test class path that a Spring Boot program run in a child JVM
 * does not use: the test class path brings Redis, JDBC, JPA, Netty, Actuator and Micrometer for
 * the tests that need them, and a child that starts them all costs about 8 s of CPU instead of
 * about 5 s (docs/architecture.md, "The time budget"), more with the weaver agent, which weaves
 * every class loaded. Kept always: checkpointing's own and Spring Boot's core auto-configurations
 * ({@code org.springframework.boot.autoconfigure}).
 */
public final class UnusedAutoConfigurations {

	private static final String IMPORTS = "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";

	private static final List<String> ALWAYS_KEPT = List.of("io.checkpointing.", "org.springframework.boot.autoconfigure.");

	private static final List<String> ALL = readAll();

	private UnusedAutoConfigurations() {
	}

	/**
	 * @param usedPackages the packages of auto-configurations the program uses besides the ones
	 * always kept, such as {@code org.springframework.boot.data.redis.autoconfigure}
	 * @return every other auto-configuration of the test class path, comma separated, for
	 * {@code spring.autoconfigure.exclude} (which this replaces, with the exclusion of the test's
	 * {@code application.properties})
	 */
	public static String except(String... usedPackages) {
		List<String> kept = new ArrayList<>(ALWAYS_KEPT);
		Stream.of(usedPackages).map((name) -> name + ".").forEach(kept::add);
		return String.join(",", ALL.stream().filter((name) -> kept.stream().noneMatch(name::startsWith)).toList());
	}

	/** @return the JVM option that leaves them out: a system property, which program arguments override */
	public static String option(String... usedPackages) {
		return "-Dspring.autoconfigure.exclude=" + except(usedPackages);
	}

	private static List<String> readAll() {
		TreeSet<String> names = new TreeSet<>();
		try {
			for (URL imports : Collections.list(UnusedAutoConfigurations.class.getClassLoader().getResources(IMPORTS))) {
				try (InputStream in = imports.openStream()) {
					new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
						.map(String::strip)
						.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
						.forEach(names::add);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list the auto-configurations of the test class path", ex);
		}
		return List.copyOf(names);
	}

}
