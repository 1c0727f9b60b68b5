package io.checkpointing.services;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Redis processes of the tests' own on free loopback ports, each in a directory of its own
 * (nothing saved, no append-only file), stopped by {@link #close()}.
 */
final class RedisProcesses implements AutoCloseable {

	private static final Duration STARTUP = Duration.ofSeconds(30);

	private final List<Process> processes = new ArrayList<>();

	/**
	 * Skips the calling test when a Redis binary is missing, or fails it under
	 * {@code CHECKPOINTING_REQUIRE_SERVICES=true}.
	 * @param what what the test wanted to start, for the message
	 */
	static void requireBinaries(String what) {
		for (String binary : List.of("redis-server", "redis-cli")) {
			if (!onPath(binary)) {
				String message = what + " needs '" + binary + "' on the PATH (Debian/Ubuntu: apt-get install redis-server"
						+ " redis-tools).";
				if (Boolean.parseBoolean(System.getenv(SharedServices.REQUIRE_SERVICES))) {
					Assertions.fail(message + " " + SharedServices.REQUIRE_SERVICES + "=true makes this a failure.");
				}
				Assumptions.abort(message + " Skipped; " + SharedServices.REQUIRE_SERVICES + "=true makes this a failure.");
			}
		}
	}

	/** @return a loopback port nothing listens on now */
	static int freePort() throws IOException {
		try (ServerSocket free = new ServerSocket(0)) {
			return free.getLocalPort();
		}
	}

	/** A data server's configuration: nothing is written to disk. */
	static final List<String> NOTHING_SAVED = List.of("save \"\"", "appendonly no");

	/**
	 * Starts {@code redis-server} with a configuration file and waits until it accepts connections.
	 * @param directory its working directory, where it keeps its files
	 * @param port its port
	 * @param configuration the lines of its configuration, after port, bind, directory and log file
	 * @param arguments more arguments, such as {@code --sentinel}
	 */
	void start(Path directory, int port, List<String> configuration, String... arguments)
			throws IOException, InterruptedException {
		Files.createDirectories(directory);
		Path file = directory.resolve("redis.conf");
		List<String> lines = new ArrayList<>(List.of("port " + port, "bind 127.0.0.1", "dir " + directory,
				"daemonize no", "logfile " + directory.resolve("redis.log")));
		lines.addAll(configuration);
		Files.write(file, lines, StandardCharsets.UTF_8);
		List<String> command = new ArrayList<>(List.of("redis-server", file.toString()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		this.processes.add(process);
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (!accepts(port)) {
			if (System.nanoTime() > deadline || !process.isAlive()) {
				throw new IllegalStateException("redis-server did not start on port " + port + "; see "
						+ directory.resolve("redis.log"));
			}
			Thread.sleep(20);
		}
	}

	/**
	 * Runs {@code redis-cli} to its end.
	 * @param arguments its arguments
	 * @return what it printed
	 * @throws IllegalStateException if it fails
	 */
	static String cli(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("redis-cli"));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output;
		try (InputStream out = process.getInputStream()) {
			output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
		}
		if (!process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
		}
		return output;
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean onPath(String binary) {
		String path = System.getenv().getOrDefault("PATH", "");
		for (String directory : path.split(java.io.File.pathSeparator)) {
			if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, binary))) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void close() throws InterruptedException {
		for (Process process : this.processes) {
			process.destroy();
		}
		for (Process process : this.processes) {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
			}
		}
		this.processes.clear();
	}

}
