package io.checkpointing.processes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A process a test starts: a JVM with the test class path ({@link #jvm}), or a command such as
 * {@code mount} ({@link #run}). Its output, standard error merged in, is read line by line by a
 * thread of its own, so that every wait for it (for a line, for its end) ends after
 * {@link #TIMEOUT}, or the longer limit a JVM known to run for minutes is started with
 * ({@link Jvm#timeout}): then the process is killed and the wait fails with everything it printed.
 */
public final class ChildProcess implements AutoCloseable {

	/**
	 * The one limit of every wait for a child process. Generous: on a busy two-core machine a
	 * Spring Boot JVM takes tens of seconds to start; a wait this long means the child hangs.
	 */
	public static final Duration TIMEOUT = Duration.ofMinutes(3);

	/** Put in the queue after the last line. */
	private static final String END = new String("end of output");

	private final String name;

	private final Process process;

	private final Duration timeout;

	private final Writer input;

	private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();

	private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

	private ChildProcess(String name, Process process, Duration timeout) {
		this.name = name;
		this.process = process;
		this.timeout = timeout;
		this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		Thread reader = new Thread(this::readOutput, "output of " + name);
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * @param mainClass the class whose {@code main} runs, by default on the test class path
	 * @return a JVM to start
	 */
	public static Jvm jvm(String mainClass) {
		return new Jvm(mainClass);
	}

	/**
	 * A light JVM: the test class path, a small heap, a {@code main} of the test sources.
	 * @return the running JVM
	 */
	public static ChildProcess java(Class<?> mainClass, String... arguments) throws IOException {
		return jvm(mainClass.getName()).options("-Xmx256m").arguments(arguments).start();
	}

	/**
	 * Runs a command to its end.
	 * @return its exit status and output, or the reason it could not start
	 */
	public static Finished run(String... command) throws InterruptedException {
		ChildProcess process;
		try {
			process = start(command[0], List.of(command), TIMEOUT);
		}
		catch (IOException ex) {
			return new Finished(-1, String.valueOf(ex.getMessage()));
		}
		try (process) {
			int status = process.awaitExit();
			return new Finished(status, String.join("\n", process.lines()));
		}
	}

	private static ChildProcess start(String name, List<String> command, Duration timeout) throws IOException {
		return new ChildProcess(name, new ProcessBuilder(command).redirectErrorStream(true).start(), timeout);
	}

	private void readOutput() {
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = output.readLine()) != null) {
				this.lines.add(line);
				this.unread.add(line);
			}
		}
		catch (IOException ex) {
			// Killed while it wrote: what was read stays.
		}
		finally {
			this.unread.add(END);
		}
	}

	/**
	 * Reads output until a line equal to {@code expected}.
	 * @throws IllegalStateException if the process ends first or prints nothing like it in time
	 */
	public void awaitLine(String expected) throws InterruptedException {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		while (!next(deadline, "printing '" + expected + "'").equals(expected)) {
			// an earlier line: read on
		}
	}

	/**
	 * @return the next line of output
	 * @throws IllegalStateException if the process ends first or prints nothing in time
	 */
	public String nextLine() throws InterruptedException {
		return next(System.nanoTime() + this.timeout.toNanos(), "printing another line");
	}

	private String next(long deadline, String awaited) throws InterruptedException {
		String line = this.unread.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		if (line == null) {
			kill();
			throw new IllegalStateException(this.name + " was killed after " + this.timeout.toSeconds() + " s without "
					+ awaited + ": " + lines());
		}
		if (line == END) {
			this.unread.add(END);
			throw new IllegalStateException(this.name + " ended without " + awaited + ": " + lines());
		}
		return line;
	}

	/** Sends a line to the process's standard input. */
	public void tell(String line) throws IOException {
		this.input.write(line + "\n");
		this.input.flush();
	}

	/** Kills the process with SIGKILL and waits until it is gone, so that the kernel has dropped its locks. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	/**
	 * Waits for the process to end by itself.
	 * @return its exit status, once all its output is read
	 * @throws IllegalStateException if it runs for longer than its time limit (then it is killed)
	 */
	public int awaitExit() throws InterruptedException {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		while (true) {
			String line = this.unread.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			if (line == null) {
				kill();
				throw new IllegalStateException(this.name + " did not end within " + this.timeout.toSeconds()
						+ " s and was killed: " + lines());
			}
			if (line == END) {
				this.unread.add(END);
				break;
			}
		}
		if (!this.process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
			kill();
			throw new IllegalStateException(this.name + " closed its output but did not end: " + lines());
		}
		return this.process.exitValue();
	}

	/**
	 * Waits for the process to end and requires exit status 0.
	 * @return its non-blank lines of output
	 * @throws AssertionError naming the status and showing the output otherwise
	 */
	public List<String> awaitSuccess() throws InterruptedException {
		int status = awaitExit();
		if (status != 0) {
			throw new AssertionError(this.name + " ended with status " + status + ":\n" + String.join("\n", lines()));
		}
		return lines().stream().filter((line) -> !line.isBlank()).toList();
	}

	/** @return whether the process still runs */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** @return every line it printed so far */
	public List<String> lines() {
		synchronized (this.lines) {
			return List.copyOf(this.lines);
		}
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
			try {
				this.process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * How a command ended.
	 * @param status its exit status, -1 if it could not start
	 * @param output what it printed, or why it could not start
	 */
	public record Finished(int status, String output) {

		/** @return {@code null} if it succeeded, else what it said */
		public @Nullable String failure() {
			return (this.status == 0) ? null : "exit " + this.status + ": " + this.output;
		}

	}

	/** A JVM to start: {@code [prefix] java [options] -cp <class path> <main class> [arguments]}. */
	public static final class Jvm {

		/** Quick to start and light on a two-core machine: no optimizing compiler, one GC thread. */
		private static final List<String> LIGHT = List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1",
				"-XX:+UseSerialGC");

		private final String mainClass;

		private List<String> prefix = List.of();

		private final List<String> options = new ArrayList<>(LIGHT);

		private String classPath = System.getProperty("java.class.path");

		private final List<String> arguments = new ArrayList<>();

		private Duration timeout = TIMEOUT;

		private Jvm(String mainClass) {
			this.mainClass = mainClass;
		}

		/** @param prefix words before the {@code java} command, such as {@code setpriv ...} to run it as another user */
		public Jvm prefix(List<String> prefix) {
			this.prefix = List.copyOf(prefix);
			return this;
		}

		/** @param options JVM options, such as {@code -javaagent:...} */
		public Jvm options(String... options) {
			return options(List.of(options));
		}

		/** @param options JVM options, such as {@code -javaagent:...} */
		public Jvm options(List<String> options) {
			this.options.addAll(options);
			return this;
		}

		/** @param classPath the class path, instead of the test class path */
		public Jvm classPath(String classPath) {
			this.classPath = classPath;
			return this;
		}

		/** @param arguments the program's arguments */
		public Jvm arguments(String... arguments) {
			return arguments(List.of(arguments));
		}

		/** @param arguments the program's arguments */
		public Jvm arguments(List<String> arguments) {
			this.arguments.addAll(arguments);
			return this;
		}

		/**
		 * @param timeout how long each wait for this JVM may take, instead of {@link #TIMEOUT}: for a
		 * load that runs for minutes by design, and for longer on a busy machine
		 */
		public Jvm timeout(Duration timeout) {
			this.timeout = timeout;
			return this;
		}

		/** @return the running JVM */
		public ChildProcess start() throws IOException {
			List<String> command = new ArrayList<>(this.prefix);
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.addAll(this.options);
			command.addAll(List.of("-cp", this.classPath, this.mainClass));
			command.addAll(this.arguments);
			return ChildProcess.start(this.mainClass, command, this.timeout);
		}

		/**
		 * Runs the JVM to its end, which must be exit status 0.
		 * @return its non-blank lines of output
		 */
		public List<String> runToSuccess() throws InterruptedException {
			try (ChildProcess jvm = start()) {
				return jvm.awaitSuccess();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot start a JVM for " + this.mainClass, ex);
			}
		}

	}

}
