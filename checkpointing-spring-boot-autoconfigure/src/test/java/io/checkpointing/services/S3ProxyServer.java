package io.checkpointing.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * S3Proxy, a real S3 API server, as a child JVM on loopback with its own class path (its
 * dependencies never meet Spring Boot's), storing objects in a temporary directory
 * ({@code filesystem-nio2}, which resolves {@code If-None-Match: *} as it writes) and checking
 * AWS v4 signatures. The build copies its jar to {@code target/s3proxy/s3proxy.jar}.
 */
final class S3ProxyServer {

	static final String ACCESS_KEY = "checkpointing-test";

	static final String SECRET_KEY = "checkpointing-test-secret";

	private static final Duration STARTUP = Duration.ofSeconds(60);

	private final Process process;

	private final Path directory;

	private final URI endpoint;

	private S3ProxyServer(Process process, Path directory, URI endpoint) {
		this.process = process;
		this.directory = directory;
		this.endpoint = endpoint;
	}

	/** The jar the build copied, or null if there is none (a build that skipped that step). */
	static @Nullable Path jar() {
		Path jar = Path.of(System.getProperty("checkpointing.s3proxy.jar", "target/s3proxy/s3proxy.jar"));
		return Files.isRegularFile(jar) ? jar : null;
	}

	/**
	 * Starts S3Proxy and waits until it answers; it stops when this JVM does.
	 * @throws IllegalStateException if it does not start, with its output
	 */
	static S3ProxyServer start(Path jar) throws IOException, InterruptedException {
		int port;
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		Path directory = Files.createTempDirectory("checkpointing-s3proxy");
		Path objects = Files.createDirectory(directory.resolve("objects"));
		URI endpoint = URI.create("http://127.0.0.1:" + port);
		Path properties = directory.resolve("s3proxy.properties");
		Files.write(properties, List.of("s3proxy.endpoint=" + endpoint, "s3proxy.authorization=aws-v2-or-v4",
				"s3proxy.identity=" + ACCESS_KEY, "s3proxy.credential=" + SECRET_KEY,
				"jclouds.provider=filesystem-nio2", "jclouds.identity=" + ACCESS_KEY,
				"jclouds.credential=" + SECRET_KEY, "jclouds.filesystem.basedir=" + objects));
		Path log = directory.resolve("s3proxy.log");
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
				"-jar", jar.toString(), "--properties", properties.toString())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		S3ProxyServer server = new S3ProxyServer(process, directory, endpoint);
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "stop S3Proxy"));
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (!accepts(port)) {
			if (System.nanoTime() > deadline || !process.isAlive()) {
				server.stop();
				throw new IllegalStateException("S3Proxy did not start on port " + port + ": " + Files.readString(log));
			}
			Thread.sleep(50);
		}
		return server;
	}

	URI endpoint() {
		return this.endpoint;
	}

	private void stop() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
			try (Stream<Path> files = Files.walk(this.directory)) {
				for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(file);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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

}
