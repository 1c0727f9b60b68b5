package io.checkpointing.spring.console;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console as an application serves it: the page, its JSON, a read-only console's refusal to
 * evict, and where it is served. One application serves the tests that need the console on, each
 * with a method of its own (eviction itself is checked on every backend by
 * {@link ConsoleBackendsTest}).
 */
class ConsoleOverHttpTest {

	/** An attribute, a CSS url() or an import that would make the browser fetch something. */
	private static final Pattern EXTERNAL_ASSET = Pattern.compile(
			"(src|href)\\s*=\\s*[\"']?(https?:)?//|url\\(|@import|<link|<script[^>]+src", Pattern.CASE_INSENSITIVE);

	@TempDir
	static Path directory;

	private static ConsoleServer server;

	@BeforeAll
	static void start() {
		server = ConsoleServer.start("--checkpointing.directory=" + directory.resolve("shared"),
				"--checkpointing.console.enabled=true", "--checkpointing.console.recent-calls=5");
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void onePropertyServesThePageUnderTheManagementBasePathWithNothingToFetchElsewhere() throws Exception {
		HttpResponse<String> page = server.send("GET", ConsoleServer.CONSOLE);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("<title>Checkpoints</title>", "<svg id=\"chart\"", "<table id=\"methods\"",
				"?format=json");
		assertThat(EXTERNAL_ASSET.matcher(page.body()).find()).as("an external asset in the page").isFalse();
		assertThat(page.body()).as("no URL at all, not even a namespace").doesNotContain("http:", "https:");
	}

	@Test
	void theJsonHasEachMethodsCountsFactsRecentCallsAndWhyEachMissRan() throws Exception {
		server.work().square(4);
		server.work().square(4);
		server.work().square(5);
		JsonNode state = server.state();
		assertThat(state.get("backend").asString()).isEqualTo("FilesystemBackend");
		assertThat(state.get("evictionEnabled").asBoolean()).isFalse();
		assertThat(state.get("recentCallsPerMethod").asInt()).isEqualTo(5);
		assertThat(state.get("refreshSeconds").asLong()).isEqualTo(5);
		JsonNode square = server.method(state, "Work#square");
		assertThat(square.get("entries").asLong()).isEqualTo(2);
		assertThat(square.get("bytes").asLong()).isPositive();
		assertThat(square.get("hits").asLong()).isEqualTo(1);
		assertThat(square.get("misses").asLong()).isEqualTo(2);
		assertThat(square.get("hitRatio").asDouble()).isEqualTo(1.0 / 3);
		assertThat(square.get("fingerprint").asString()).matches("[0-9a-f]{8}");
		assertThat(square.get("serializer").asString()).isEqualTo("json");
		assertThat(square.hasNonNull("ttl")).as("no time to live").isFalse();
		JsonNode calls = square.get("recentCalls");
		assertThat(calls).hasSize(3);
		assertThat(calls.get(0).get("outcome").asString()).isEqualTo("miss");
		assertThat(calls.get(0).get("explanation").asString()).endsWith("argument 0 `value` changed");
		assertThat(calls.get(1).get("outcome").asString()).isEqualTo("hit");
		assertThat(calls.get(1).get("keyPrefix").asString()).hasSize(12);
		long minuteCalls = 0;
		for (JsonNode minute : state.get("timeline")) {
			minuteCalls += minute.get("hits").asLong() + minute.get("misses").asLong();
		}
		assertThat(minuteCalls).as("the other tests' calls included").isGreaterThanOrEqualTo(3);
		assertThat(state.get("warnings")).isEmpty();
	}

	@Test
	void aReadOnlyConsoleRefusesEvictionNamingThePropertyAndKeepsTheEntries() throws Exception {
		server.work().slow(2);
		HttpResponse<String> refused = server.send("POST", ConsoleServer.CONSOLE + "/Work%23slow");
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("checkpointing.console.eviction-enabled=true");
		assertThat(server.method(server.state(), "Work#slow").get("entries").asLong()).isEqualTo(1);
	}

	@Test
	void anUnknownFormatIsRefusedNamingTheParameter() throws Exception {
		HttpResponse<String> response = server.send("GET", ConsoleServer.CONSOLE + "?format=xml");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("format must be json");
	}

	@Test
	void offByDefaultEvenWithEveryEndpointExposed() throws Exception {
		try (ConsoleServer off = ConsoleServer.start("--checkpointing.directory=" + directory.resolve("off"),
				"--management.endpoints.web.exposure.include=*")) {
			assertThat(off.send("GET", ConsoleServer.CONSOLE).statusCode()).isEqualTo(404);
			assertThat(off.send("GET", "/actuator/checkpoints").statusCode()).as("the other endpoints are there")
				.isEqualTo(200);
		}
	}

	@Test
	void withAManagementPortAndBasePathThePageIsServedThereOnly() throws Exception {
		try (ConsoleServer managed = ConsoleServer.start("--checkpointing.directory=" + directory.resolve("managed"),
				"--checkpointing.console.enabled=true", "--management.server.port=0",
				"--management.endpoints.web.base-path=/manage")) {
			assertThat(managed.managementPort()).isNotEqualTo(managed.port());
			HttpResponse<String> page = managed.send("GET", "/manage/checkpointsconsole", managed.managementPort());
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).as("the script finds its JSON beside the page, wherever that is")
				.contains("location.pathname")
				.doesNotContain("/actuator");
			assertThat(managed.send("GET", "/manage/checkpointsconsole?format=json", managed.managementPort())
				.statusCode()).isEqualTo(200);
			assertThat(managed.send("GET", "/manage/checkpointsconsole", managed.port()).statusCode()).isEqualTo(404);
			assertThat(managed.send("GET", ConsoleServer.CONSOLE + "?format=json", managed.managementPort()).statusCode())
				.as("not under the default base path").isEqualTo(404);
		}
	}

}
