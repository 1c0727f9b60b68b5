package io.checkpointing.behavior;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a program JVM of the behavior suite intercepts {@code @Checkpoint} methods: Spring AOP
 * proxies, or the AspectJ weaver agent found on the test class path with
 * {@code checkpointing.mode=aspectj}.
 */
enum Interception {

	/** The default: {@code checkpointing.mode=proxy}, no agent. */
	PROXY(List.of(), List.of()),

	/** {@code -javaagent:aspectjweaver.jar} and {@code --checkpointing.mode=aspectj}. */
	ASPECTJ(weaverOptions(), List.of("--checkpointing.mode=aspectj"));

	private final List<String> jvmOptions;

	private final List<String> programArguments;

	Interception(List<String> jvmOptions, List<String> programArguments) {
		this.jvmOptions = jvmOptions;
		this.programArguments = programArguments;
	}

	/** @return the options before the main class */
	List<String> jvmOptions() {
		return this.jvmOptions;
	}

	/** @return the Spring Boot arguments that select the mode */
	List<String> programArguments() {
		return this.programArguments;
	}

	/**
	 * The agent, and from Java 24 on the option that lets it use {@code sun.misc.Unsafe} without the
	 * JVM's four-line warning (JEP 498) ahead of what the program prints; older JVMs refuse that
	 * option, and the child runs on this test's JVM.
	 */
	private static List<String> weaverOptions() {
		List<String> options = new ArrayList<>(List.of("-javaagent:" + weaverAgent()));
		if (Runtime.version().feature() >= 24) {
			options.add("--sun-misc-unsafe-memory-access=allow");
		}
		return List.copyOf(options);
	}

	/** @return the aspectjweaver jar of the test class path, which is also the weaver agent */
	static Path weaverAgent() {
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.map(Path::of)
			.filter((entry) -> entry.getFileName().toString().startsWith("aspectjweaver-") && Files.isRegularFile(entry))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No aspectjweaver jar on the test class path"));
	}

}
