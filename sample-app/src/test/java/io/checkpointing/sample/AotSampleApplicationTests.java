package io.checkpointing.sample;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplicationAotProcessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app with Spring AOT on the JVM, as after {@code spring-boot:process-aot}: Spring
 * Boot's AOT processor ({@link SpringApplicationAotProcessor}, what the Maven goal runs) generates
 * the app's bean definitions as code, which is compiled and run with
 * {@code -Dspring.aot.enabled=true} in a JVM of its own; checkpointed steps still miss, then hit.
 */
@Tag("process")
class AotSampleApplicationTests {

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	@TempDir
	Path workspace;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void checkpointingWorksWithAotProcessedBeanDefinitions() throws Exception {
		Path sources = this.workspace.resolve("sources");
		Path resources = this.workspace.resolve("resources");
		Path classes = this.workspace.resolve("classes");
		String classPath = System.getProperty("java.class.path");
		Path log = this.workspace.resolve("aot.log");
		Process processor = java(log, List.of(), classPath, SpringApplicationAotProcessor.class.getName(),
				SampleApplication.class.getName(), sources.toString(), resources.toString(), classes.toString(),
				"io.checkpointing", "sample-app");
		boolean finished = processor.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		if (!finished) {
			processor.destroyForcibly();
		}
		assertThat(finished && processor.exitValue() == 0).as("the AOT processor succeeded: " + Files.readString(log))
			.isTrue();
		compile(sources, classes, classPath);

		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path appLog = this.workspace.resolve("app.log");
		Process app = java(appLog, List.of("-Dspring.aot.enabled=true"),
				classes + File.pathSeparator + resources + File.pathSeparator + classPath,
				SampleApplication.class.getName(), "--server.port=" + port,
				"--checkpointing.directory=" + this.workspace.resolve("store"));
		try {
			String experiment = "http://localhost:" + port + "/experiment?seed=5&samples=2000&epochs=20";
			JsonNode first = getWhenUp(experiment, app, appLog);
			assertSteps(first, "miss");
			assertSteps(get(experiment), "hit");
			// Spring Boot's startup line says which mode it runs in.
			assertThat(Files.readString(appLog)).contains("Starting AOT-processed SampleApplication");
		}
		finally {
			app.destroy();
			app.waitFor(30, TimeUnit.SECONDS);
		}
	}

	private static Process java(Path log, List<String> options, String classPath, String mainClass,
			String... arguments) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(options);
		command.addAll(List.of("-cp", classPath, mainClass));
		command.addAll(List.of(arguments));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	private static void compile(Path sources, Path classes, String classPath) throws IOException {
		List<String> files;
		try (Stream<Path> walk = Files.walk(sources)) {
			files = walk.filter((file) -> file.toString().endsWith(".java")).map(Path::toString).toList();
		}
		assertThat(files).as("generated sources").isNotEmpty();
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		List<String> options = new ArrayList<>(List.of("-classpath", classPath, "-d", classes.toString(), "-parameters",
				"-proc:none", "-nowarn"));
		options.addAll(files);
		assertThat(compiler.run(null, null, null, options.toArray(String[]::new))).as("javac of the AOT sources")
			.isZero();
	}

	private JsonNode getWhenUp(String url, Process app, Path appLog) throws Exception {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (true) {
			assertThat(app.isAlive()).as("the app is running: " + Files.readString(appLog)).isTrue();
			try {
				return get(url);
			}
			catch (IOException ex) {
				assertThat(System.nanoTime()).as("the app answers in time: " + Files.readString(appLog))
					.isLessThan(deadline);
				Thread.sleep(500);
			}
		}
	}

	private JsonNode get(String url) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Accept", "application/json")
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
		return JsonMapper.builder().build().readTree(response.body());
	}

	private static void assertSteps(JsonNode response, String result) {
		JsonNode steps = response.get("steps");
		for (String step : List.of("generate", "train", "evaluate")) {
			assertThat(steps.get(step).get("result").asString()).as(step).isEqualTo(result);
		}
	}

}
