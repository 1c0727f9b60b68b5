package io.checkpointing.behavior;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One version of a small Spring Boot program of the behavior suite: Java sources in package
 * {@code demo}, compiled with {@link JavaCompiler} into their own folder and run in a fresh JVM.
 * The program's {@code demo.Main} prints what the checkpointed bean returns.
 */
final class ProgramVersion {

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
		List<String> files = new ArrayList<>();
		for (Map.Entry<String, String> source : sources.entrySet()) {
			files.add(Files.writeString(sourceFolder.resolve(source.getKey() + ".java"), source.getValue()).toString());
		}
		compile(files, Files.createDirectories(classes));
	}

	private static void compile(List<String> files, Path classes) {
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		List<String> options = new ArrayList<>(List.of("-classpath", System.getProperty("java.class.path"), "-d",
				classes.toString(), "-proc:none", "-nowarn"));
		options.addAll(files);
		java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
		int status = compiler.run(null, null, errors, options.toArray(String[]::new));
		assertThat(status).as(errors.toString(StandardCharsets.UTF_8)).isZero();
	}

	/** Compiles this version into {@code folder} and runs it against {@code cacheDirectory}. */
	List<String> compileAndRun(Path folder, Path cacheDirectory) throws IOException, InterruptedException {
		Path sourceFolder = Files.createDirectories(folder.resolve("src/demo"));
		Path classes = Files.createDirectories(folder.resolve("classes"));
		List<String> files = new ArrayList<>();
		for (Map.Entry<String, String> source : this.sources.entrySet()) {
			Path file = sourceFolder.resolve(source.getKey() + ".java");
			Files.writeString(file, source.getValue());
			files.add(file.toString());
		}
		compile(files, classes);
		List<String> programArguments = new ArrayList<>(ProgramJvm.quietSpringBoot(cacheDirectory));
		programArguments.addAll(this.arguments);
		return ProgramJvm.run(List.of(), classes + java.io.File.pathSeparator + System.getProperty("java.class.path"),
				"demo.Main", programArguments);
	}

}
