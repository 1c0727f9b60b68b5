package io.checkpointing.behavior;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.checkpointing.behavior.program.WovenProgram;
import io.checkpointing.processes.ChildProcess;
import io.checkpointing.processes.UnusedAutoConfigurations;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Programs woven by {@code ajc} at compile time run in fresh JVMs without the weaver agent: a
 * Spring Boot application in {@code checkpointing.mode=aspectj}, and a plain {@code main} whose
 * engine is configured by system properties. The same plain program woven by the agent instead
 * behaves alike.
 */
@Tag("process")
class CompileTimeWeavingTest {

	private static final Path PROGRAM_SOURCES = Path.of("src/test/java/io/checkpointing/behavior/program");

	@TempDir
	Path directory;

	@Test
	void aSpringBootApplicationWovenByAjcRunsEachKindOfCallOnceAcrossTwoJvms() throws Exception {
		List<Path> sources;
		try (Stream<Path> files = Files.list(PROGRAM_SOURCES)) {
			// The whole package: the application scans it, and every bean in it must be woven.
			sources = files.filter((file) -> file.toString().endsWith(".java")).toList();
		}
		Path classes = AjcCompiler.compile(sources, this.directory.resolve("woven"));
		List<String> arguments = new ArrayList<>(List.of("3", "--checkpointing.mode=aspectj"));
		arguments.addAll(ProgramVersion.quietSpringBoot(this.directory.resolve("cache")));
		String classPath = AjcCompiler.classPathWith(classes);
		String lean = UnusedAutoConfigurations.option();
		assertThat(ChildProcess.jvm(WovenProgram.class.getName()).classPath(classPath).options(lean).arguments(arguments).runToSuccess()).containsExactly(
				"Running square", "self: 9", "Running cube", "private: 27", "Running negate", "static: -3",
				"Running plus", "new: 4", "bean: 9", "counted Counter#plus: 0 hits, 1 misses, 0 errors",
				"counted Steps#cube: 0 hits, 1 misses, 0 errors", "counted Steps#negate: 0 hits, 1 misses, 0 errors",
				"counted Steps#square: 1 hits, 1 misses, 0 errors");
		assertThat(ChildProcess.jvm(WovenProgram.class.getName()).classPath(classPath).options(lean).arguments(arguments).runToSuccess()).containsExactly(
				"self: 9", "private: 27", "static: -3", "new: 4", "bean: 9",
				"counted Counter#plus: 1 hits, 0 misses, 0 errors", "counted Steps#cube: 1 hits, 0 misses, 0 errors",
				"counted Steps#negate: 1 hits, 0 misses, 0 errors", "counted Steps#square: 2 hits, 0 misses, 0 errors");
	}

	@Test
	void aPlainMainWovenByAjcUsesAnEngineConfiguredBySystemProperties() throws Exception {
		String classPath = AjcCompiler.classPathWith(CompiledVersions.wovenClassesOf(plainProgram("side * side")));
		assertThat(runPlain(classPath, true)).containsExactly("Running area", "Running perimeter", "area: 9",
				"perimeter: 12");
		assertThat(runPlain(classPath, true)).containsExactly("area: 9", "perimeter: 12");
	}

	@Test
	void aPlainMainWovenByTheAgentUsesAnEngineConfiguredBySystemProperties() throws Exception {
		String classPath = AjcCompiler.classPathWith(CompiledVersions.classesOf(plainProgram("side * side")));
		List<String> agent = Interception.ASPECTJ.jvmOptions();
		assertThat(runPlain(agent, classPath, true)).containsExactly("Running area", "Running perimeter", "area: 9",
				"perimeter: 12");
		assertThat(runPlain(agent, classPath, true)).containsExactly("area: 9", "perimeter: 12");
	}

	@Test
	void withoutTheModeSystemPropertyAPlainMainRunsPlainlyAndSaysSoOnce() throws Exception {
		String classPath = AjcCompiler.classPathWith(CompiledVersions.wovenClassesOf(plainProgram("side * side")));
		List<String> output = ChildProcess.jvm("demo.Main")
			.options("-Dcheckpointing.directory=" + this.directory.resolve("cache"))
			.classPath(classPath)
			.arguments("3")
			.runToSuccess();
		assertThat(output.stream().filter((line) -> line.contains("-Dcheckpointing.mode=aspectj"))).singleElement()
			.asString()
			.contains("WARN", "Main.area(..)", "runs plainly");
		assertThat(runPlain(classPath, false)).containsExactly("Running area", "Running perimeter", "area: 9",
				"perimeter: 12");
	}

	@Test
	void underCompileTimeWeavingAChangedBodyRerunsAndACosmeticChangeHits() throws Exception {
		Path cache = this.directory.resolve("cache");
		String v1 = AjcCompiler.classPathWith(CompiledVersions.wovenClassesOf(plainProgram("side * side")));
		assertThat(runPlain(v1, true)).contains("Running area");
		String cosmetic = AjcCompiler.classPathWith(
				CompiledVersions.wovenClassesOf(plainProgram("side /* the square */ * side")));
		assertThat(runPlain(cosmetic, true)).containsExactly("area: 9", "perimeter: 12");
		String changed = AjcCompiler.classPathWith(
				CompiledVersions.wovenClassesOf(plainProgram("side * side + 1")));
		assertThat(runPlain(changed, true)).containsExactly("Running area", "area: 10", "perimeter: 12");
		assertThat(cache).isDirectory();
	}

	/**
	 * A plain program: a static checkpointed method, and a checkpointed method of an object
	 * created with {@code new} that calls it on itself.
	 */
	private static Map<String, String> plainProgram(String areaExpression) {
		return Map.of("Main", """
				package demo;

				import io.checkpointing.Checkpoint;

				public class Main {

					private final int sides = 4;

					@Checkpoint
					static int area(int side) {
						System.out.println("Running area");
						return %s;
					}

					@Checkpoint
					int perimeter(int side) {
						System.out.println("Running perimeter");
						return this.sides * side;
					}

					public static void main(String[] args) {
						int side = Integer.parseInt(args[0]);
						int area = area(side);
						int perimeter = new Main().perimeter(side);
						System.out.println("area: " + area);
						System.out.println("perimeter: " + perimeter);
					}

				}
				""".formatted(areaExpression));
	}

	private List<String> runPlain(String classPath, boolean checkpointing) throws IOException, InterruptedException {
		return runPlain(List.of(), classPath, checkpointing);
	}

	/** Runs {@code demo.Main 3} and keeps only what the program itself prints, not the log. */
	private List<String> runPlain(List<String> jvmOptions, String classPath, boolean checkpointing)
			throws IOException, InterruptedException {
		List<String> options = new ArrayList<>(jvmOptions);
		options.add("-Dcheckpointing.directory=" + this.directory.resolve("cache"));
		if (checkpointing) {
			options.add("-Dcheckpointing.mode=aspectj");
		}
		return ChildProcess.jvm("demo.Main")
			.options(options)
			.classPath(classPath)
			.arguments("3")
			.runToSuccess()
			.stream()
			.filter((line) -> line.startsWith("Running") || line.startsWith("area") || line.startsWith("perimeter"))
			.toList();
	}

}
