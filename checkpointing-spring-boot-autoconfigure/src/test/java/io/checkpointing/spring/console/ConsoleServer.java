package io.checkpointing.spring.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import io.checkpointing.spring.autoconfigure.Work;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/** An application with {@link Work} served on a random port, and requests to it over real HTTP. */
final class ConsoleServer implements AutoCloseable {

	static final String CONSOLE = "/actuator/checkpointsconsole";

	private final ConfigurableApplicationContext context;

	private final HttpClient http = HttpClient.newHttpClient();

	private ConsoleServer(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * @param arguments command-line arguments besides the random port
	 */
	static ConsoleServer start(String... arguments) {
		return startWith(List.of(), arguments);
	}

	/**
	 * @param configurations configurations of the test's own, besides {@link Application}
	 * @param arguments command-line arguments besides the random port
	 */
	static ConsoleServer startWith(List<Class<?>> configurations, String... arguments) {
		List<String> all = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off"));
		all.addAll(List.of(arguments));
		List<Class<?>> sources = new ArrayList<>(configurations);
		sources.add(Application.class);
		return new ConsoleServer(new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
			.run(all.toArray(String[]::new)));
	}

	Work work() {
		return this.context.getBean(Work.class);
	}

	int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	/** @return the management port, the server's own if none is set */
	int managementPort() {
		return this.context.getEnvironment().getProperty("local.management.port", Integer.class, port());
	}

	HttpResponse<String> send(String method, String path) throws Exception {
		return send(method, path, port());
	}

	HttpResponse<String> send(String method, String path, int port) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.header("Accept", path.endsWith("/checkpointsconsole") ? "text/html" : "application/json")
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** @return the console's JSON, failing the test unless it is a 200 */
	JsonNode state() throws Exception {
		HttpResponse<String> response = send("GET", CONSOLE + "?format=json");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JsonMapper.builder().build().readTree(response.body());
	}

	/** @return the row of one method in the console's JSON */
	JsonNode method(JsonNode state, String name) {
		for (JsonNode method : state.get("methods")) {
			if (method.get("name").asString().equals(name)) {
				return method;
			}
		}
		throw new AssertionError("No row for " + name + " in " + state);
	}

	@Override
	public void close() {
		this.context.close();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		Work work() {
			return new Work();
		}

	}

}
