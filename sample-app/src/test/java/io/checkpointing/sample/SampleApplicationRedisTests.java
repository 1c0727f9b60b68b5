package io.checkpointing.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.redis.testcontainers.RedisContainer;
import io.checkpointing.spring.test.AutoConfigureCheckpointing;
import io.checkpointing.store.CacheBackend;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app with the redis profile, over real HTTP: a second instance on the same Redis
 * finds every step the first one computed. Redis is a Testcontainers container (with
 * {@code @ServiceConnection}) when Docker is available, else the one at
 * {@code CHECKPOINTING_REDIS_URL} (default {@code redis://127.0.0.1:6379}); without either the
 * test is skipped, or fails when {@code CHECKPOINTING_REQUIRE_SERVICES=true}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("redis")
@AutoConfigureCheckpointing(store = AutoConfigureCheckpointing.TestStore.CONFIGURED)
@Import(SampleApplicationRedisTests.RedisContainerConfiguration.class)
class SampleApplicationRedisTests {

	private static final String SMALL = "&samples=2000&epochs=20";

	private static final String REDIS_URL = System.getenv().getOrDefault("CHECKPOINTING_REDIS_URL",
			"redis://127.0.0.1:6379");

	/** A prefix of this run's own, so that other runs on the same Redis do not share its entries. */
	private static final String PREFIX = "checkpointing-sample-test-" + UUID.randomUUID() + ":";

	private final HttpClient http = HttpClient.newHttpClient();

	private final ObjectMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private CacheBackend backend;

	@Autowired
	private LettuceConnectionFactory redis;

	@BeforeAll
	static void redisIsAvailable() {
		if (DockerAvailable.check()) {
			return;
		}
		RedisClient client = RedisClient.create(RedisURI.create(REDIS_URL));
		client.setDefaultTimeout(Duration.ofSeconds(3));
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			connection.sync().ping();
		}
		catch (RuntimeException ex) {
			String message = "Redis is not reachable at " + REDIS_URL + " (" + ex.getMessage() + ") and Docker is not"
					+ " available: start one with 'redis-server --port 6379', set CHECKPOINTING_REDIS_URL, or install Docker.";
			if (Boolean.parseBoolean(System.getenv("CHECKPOINTING_REQUIRE_SERVICES"))) {
				Assertions.fail(message + " CHECKPOINTING_REQUIRE_SERVICES=true makes this a failure.");
			}
			Assumptions.abort(message + " Skipped.");
		}
		finally {
			client.shutdown();
		}
	}

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		// With Docker, the container's @ServiceConnection takes precedence over this URL.
		registry.add("spring.data.redis.url", () -> REDIS_URL);
		registry.add("checkpointing.redis.key-prefix", () -> PREFIX);
	}

	@AfterEach
	void clearTheStore() throws IOException {
		this.backend.clear();
	}

	@Test
	void aSecondInstanceOnTheSameRedisFindsEveryStep() throws Exception {
		assertThat(this.backend.location()).contains(PREFIX);
		JsonNode first = get(this.port, "/experiment?seed=7" + SMALL);
		assertSteps(first, "miss", "miss", "miss");
		assertSteps(get(this.port, "/experiment?seed=7" + SMALL), "hit", "hit", "hit");

		// Command-line arguments, as for a second instance started by hand: they take precedence over application-redis.yml.
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(SampleApplication.class)
			.web(WebApplicationType.SERVLET)
			.profiles("redis")
			.run("--server.port=0", "--checkpointing.redis.key-prefix=" + PREFIX,
					"--spring.data.redis.url=redis://" + this.redis.getHostName() + ":" + this.redis.getPort(),
					"--logging.level.root=WARN", "--spring.main.banner-mode=off")) {
			assertThat(second.getBean(CacheBackend.class).location()).contains(PREFIX);
			int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
			JsonNode fromSecond = get(secondPort, "/experiment?seed=7" + SMALL);
			assertSteps(fromSecond, "hit", "hit", "hit");
			assertThat(fromSecond.get("model")).isEqualTo(first.get("model"));
		}
	}

	/**
	 * docs/grafana-dashboard.json queries nothing the app does not emit: every meter and every tag
	 * its PromQL names is in what Prometheus scrapes from the running app (with the redis profile,
	 * so that the store has a circuit breaker and its gauge).
	 */
	@Test
	void theGrafanaDashboardQueriesMetersAndTagsTheAppEmits() throws Exception {
		get(this.port, "/experiment?seed=8" + SMALL);
		get(this.port, "/experiment?seed=8" + SMALL);
		HttpResponse<String> scrape = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/prometheus")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(scrape.statusCode()).as(scrape.body()).isEqualTo(200);
		Map<String, Set<String>> scraped = PrometheusSamples.labelsByName(scrape.body());

		JsonNode dashboard = this.json.readTree(Path.of("..", "docs", "grafana-dashboard.json").toFile());
		List<String> queries = PrometheusSamples.queriesOf(dashboard);
		assertThat(queries).hasSizeGreaterThanOrEqualTo(7);
		for (String query : queries) {
			Set<String> meters = PrometheusSamples.metersIn(query);
			assertThat(meters).as("meters in " + query).isNotEmpty();
			for (String meter : meters) {
				assertThat(scraped).as("the app's scrape, for " + query).containsKey(meter);
				assertThat(scraped.get(meter)).as("the tags of " + meter + ", for " + query)
					.containsAll(PrometheusSamples.labelsIn(query));
			}
		}
	}

	private void assertSteps(JsonNode response, String generate, String train, String evaluate) {
		JsonNode steps = response.get("steps");
		assertThat(steps.get("generate").get("result").asString()).as("generate").isEqualTo(generate);
		assertThat(steps.get("train").get("result").asString()).as("train").isEqualTo(train);
		assertThat(steps.get("evaluate").get("result").asString()).as("evaluate").isEqualTo(evaluate);
	}

	private JsonNode get(int port, String pathAndQuery) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
			.header("Accept", "application/json")
			.GET()
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(pathAndQuery + ": " + response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	/** A Redis container for the app when Docker is available. */
	@TestConfiguration(proxyBeanMethods = false)
	static class RedisContainerConfiguration {

		@Bean
		@ServiceConnection
		@Conditional(DockerAvailable.class)
		RedisContainer redisContainer() {
			return new RedisContainer(RedisContainer.DEFAULT_IMAGE_NAME.withTag("7.4"));
		}

	}

	/** Matches when Testcontainers finds a Docker engine. */
	static class DockerAvailable implements Condition {

		static boolean check() {
			try {
				return DockerClientFactory.instance().isDockerAvailable();
			}
			catch (RuntimeException | LinkageError ex) {
				return false;
			}
		}

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return check();
		}

	}

}
