package io.checkpointing.behavior;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs a program of the behavior suite in a fresh JVM and returns the non-blank lines it printed. */
final class ProgramJvm {

	private ProgramJvm() {
	}

	/**
	 * @param jvmOptions options before the main class, such as {@code -javaagent:...}
	 * @param classPath the class path
	 * @param mainClass the class whose {@code main} runs
	 * @param arguments the program's arguments
	 * @return what it printed, one entry per non-blank line; the JVM must exit with status 0
	 */
	static List<String> run(List<String> jvmOptions, String classPath, String mainClass, List<String> arguments)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", classPath, "-Xshare:auto", "-XX:TieredStopAtLevel=1", mainClass));
		command.addAll(arguments);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
			try {
				return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
			throw new AssertionError("The program " + mainClass + " did not exit within 120 s and was killed:\n"
					+ output.join());
		}
		assertThat(process.exitValue()).as(output.join()).isZero();
		return output.join().lines().filter((line) -> !line.isBlank()).toList();
	}

	/** @return the Spring Boot arguments every program of the suite runs with, for quiet output */
	static List<String> quietSpringBoot(Path cacheDirectory) {
		return List.of("--checkpointing.directory=" + cacheDirectory, "--logging.level.root=WARN",
				"--spring.main.banner-mode=off");
	}

}
