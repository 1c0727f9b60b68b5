package io.checkpointing.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A light JVM started with the test class path and a {@code main} of the test sources, no Spring
 * context: its lines of output can be awaited one by one, and it can be told to go on (a line on
 * its standard input) or be killed with SIGKILL.
 */
public final class ChildJvm implements AutoCloseable {

	private final Process process;

	private final BufferedReader output;

	private final Writer input;

	private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

	private ChildJvm(Process process) {
		this.process = process;
		this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
	}

	/**
	 * @param mainClass a class of the test sources with a {@code main} method
	 * @param arguments its arguments
	 * @return the running JVM, its standard error merged into its output
	 */
	public static ChildJvm start(Class<?> mainClass, String... arguments) throws IOException {
		return start(List.of(), System.getProperty("java.class.path"), mainClass, arguments);
	}

	/**
	 * @param prefix words before the {@code java} command, such as {@code setpriv ...} to run it as
	 * another user
	 * @param classPath the class path
	 * @param mainClass a class with a {@code main} method
	 * @param arguments its arguments
	 * @return the running JVM, its standard error merged into its output
	 */
	public static ChildJvm start(List<String> prefix, String classPath, Class<?> mainClass, String... arguments)
			throws IOException {
		List<String> command = new ArrayList<>(prefix);
		command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
				"-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", mainClass.getName()));
		command.addAll(List.of(arguments));
		return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
	}

	/**
	 * Reads output until a line equal to {@code expected}.
	 * @throws IllegalStateException if the JVM ends first, with its output
	 */
	public void awaitLine(String expected) throws IOException {
		String line;
		while ((line = this.output.readLine()) != null) {
			this.lines.add(line);
			if (line.equals(expected)) {
				return;
			}
		}
		throw new IllegalStateException("The child JVM ended without printing '" + expected + "': " + this.lines);
	}

	/**
	 * @return the next line of output
	 * @throws IllegalStateException if the JVM ends first, with its output
	 */
	public String nextLine() throws IOException {
		String line = this.output.readLine();
		if (line == null) {
			throw new IllegalStateException("The child JVM ended without printing more: " + this.lines);
		}
		this.lines.add(line);
		return line;
	}

	/** Sends a line to the JVM's standard input. */
	public void tell(String line) throws IOException {
		this.input.write(line + "\n");
		this.input.flush();
	}

	/** Kills the JVM with SIGKILL and waits until it is gone, so that the kernel has dropped its locks. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	/**
	 * Waits for the JVM to end by itself.
	 * @return its exit status
	 * @throws IllegalStateException if it runs for more than five minutes (then it is killed)
	 */
	public int awaitExit() throws IOException, InterruptedException {
		String line;
		while ((line = this.output.readLine()) != null) {
			this.lines.add(line);
		}
		if (!this.process.waitFor(5, TimeUnit.MINUTES)) {
			kill();
			throw new IllegalStateException("The child JVM did not end: " + this.lines);
		}
		return this.process.exitValue();
	}

	/** @return every line read so far */
	public List<String> lines() {
		return List.copyOf(this.lines);
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			kill();
		}
	}

}
