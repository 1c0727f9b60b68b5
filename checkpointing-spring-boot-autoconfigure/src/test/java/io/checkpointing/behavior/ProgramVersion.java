package io.checkpointing.behavior;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.checkpointing.processes.ChildProcess;
import io.checkpointing.processes.UnusedAutoConfigurations;

/**
 * One version of a small Spring Boot program of the behavior suite: Java sources in package
 * {@code demo}, compiled with javac ({@link SharedJavac}) once into a folder of their own, and run in
 * this JVM or in a fresh one. The program's {@code demo.Main} prints what the checkpointed bean
 * returns.
 */
final class ProgramVersion {

	private static final String EXCLUDE = "--spring.autoconfigure.exclude=";

	private final Map<String, String> sources;

	private final List<String> arguments;

	private ProgramVersion(Map<String, String> sources, List<String> arguments) {
		this.sources = sources;
		this.arguments = arguments;
	}

	/**
	 * A program whose {@code Calc} bean has the given body, and whose main prints
	 * {@code "result: " + <call>} for a {@code calc} variable that holds the bean.
	 */
	static ProgramVersion calc(String calcBody, String call) {
		return of(Map.of("Calc", """
				package demo;

				import io.checkpointing.Checkpoint;
				import org.springframework.beans.factory.annotation.Value;
				import org.springframework.stereotype.Component;

				@Component
				public class Calc {
				%s
				}
				""".formatted(calcBody), "Main", main("Calc calc = context.getBean(Calc.class);", call)));
	}

	static String main(String lookup, String call) {
		return """
				package demo;

				import org.springframework.boot.WebApplicationType;
				import org.springframework.boot.autoconfigure.SpringBootApplication;
				import org.springframework.boot.builder.SpringApplicationBuilder;
				import org.springframework.context.ConfigurableApplicationContext;

				@SpringBootApplication(proxyBeanMethods = false)
				public class Main {

					public static void main(String[] args) {
						try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Main.class)
								.web(WebApplicationType.NONE).logStartupInfo(false).run(args)) {
							%s
							System.out.println("result: " + %s);
						}
					}

				}
				""".formatted(lookup, call);
	}

	static ProgramVersion of(Map<String, String> sources) {
		return new ProgramVersion(sources, List.of());
	}

	/** @return the source of one class of this version */
	String source(String className) {
		return this.sources.get(className);
	}

	/** @return this version, run with the given program arguments (such as {@code --calc.offset=1}) */
	ProgramVersion withArguments(String... arguments) {
		return new ProgramVersion(this.sources, List.of(arguments));
	}

	/** Compiles sources (class name to source, package {@code demo}) with javac into {@code classes}. */
	static void compile(Map<String, String> sources, Path classes) throws IOException {
		Path sourceFolder = Files.createDirectories(classes.resolveSibling(classes.getFileName() + "-src").resolve("demo"));
		List<Path> files = new ArrayList<>();
		for (Map.Entry<String, String> source : sources.entrySet()) {
			files.add(Files.writeString(sourceFolder.resolve(source.getKey() + ".java"), source.getValue()));
		}
		SharedJavac.compile(files, Files.createDirectories(classes));
	}

	/**
	 * Runs this version in this JVM against {@code cacheDirectory}: in a class loader and an
	 * application context of its own (see {@link ProgramInThisJvm}).
	 * @return what it printed, one entry per non-blank line
	 */
	List<String> runInThisJvm(Path cacheDirectory) throws IOException {
		List<String> programArguments = new ArrayList<>(programArguments(cacheDirectory));
		// As in a separate JVM: the Redis, JDBC, JPA, Actuator, Micrometer and Netty auto-configurations of
		// the test class path are left out, about half of each start's work (docs/architecture.md, "The time
		// budget"). A version that needs more (a repository, a Redis or JDBC store) sets the exclusion itself.
		if (programArguments.stream().noneMatch((argument) -> argument.startsWith(EXCLUDE))) {
			programArguments.add(EXCLUDE + UnusedAutoConfigurations.except());
		}
		return ProgramInThisJvm.run(CompiledVersions.classesOf(this.sources), programArguments);
	}

	/**
	 * Runs this version in a fresh JVM against {@code cacheDirectory}.
	 * @return what it printed, one entry per non-blank line; the JVM must exit with status 0
	 */
	List<String> runInSeparateJvm(Path cacheDirectory) throws IOException, InterruptedException {
		Path classes = CompiledVersions.classesOf(this.sources);
		// A version that needs more (a repository: JDBC and JPA) sets spring.autoconfigure.exclude itself.
		return ChildProcess.jvm("demo.Main")
			.options(UnusedAutoConfigurations.option())
			.classPath(classes + java.io.File.pathSeparator + System.getProperty("java.class.path"))
			.arguments(programArguments(cacheDirectory))
			.runToSuccess();
	}

	private List<String> programArguments(Path cacheDirectory) {
		List<String> programArguments = new ArrayList<>(quietSpringBoot(cacheDirectory));
		programArguments.addAll(this.arguments);
		return programArguments;
	}

	/** @return the Spring Boot arguments every program of the suite runs with, for quiet output */
	static List<String> quietSpringBoot(Path cacheDirectory) {
		return List.of("--checkpointing.directory=" + cacheDirectory, "--logging.level.root=WARN",
				"--spring.main.banner-mode=off");
	}

}
