package io.checkpointing.spring.console;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The console as an application serves it: the page, its JSON, eviction, and where it is served. */
class ConsoleOverHttpTest {

	/** An attribute, a CSS url() or an import that would make the browser fetch something. */
	private static final Pattern EXTERNAL_ASSET = Pattern.compile(
			"(src|href)\\s*=\\s*[\"']?(https?:)?//|url\\(|@import|<link|<script[^>]+src", Pattern.CASE_INSENSITIVE);

	@TempDir
	Path directory;

	@Test
	void onePropertyServesThePageUnderTheManagementBasePathWithNothingToFetchElsewhere() throws Exception {
		try (ConsoleServer server = ConsoleServer.start("--checkpointing.directory=" + this.directory,
				"--checkpointing.console.enabled=true")) {
			HttpResponse<String> page = server.send("GET", ConsoleServer.CONSOLE);
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("text/html"));
			assertThat(page.body()).contains("<title>Checkpoints</title>", "<svg id=\"chart\"", "<table id=\"methods\"",
					"?format=json");
			assertThat(EXTERNAL_ASSET.matcher(page.body()).find()).as("an external asset in the page").isFalse();
		}
	}

	@Test
	void theJsonHasEachMethodsCountsFactsRecentCallsAndWhyEachMissRan() throws Exception {
		try (ConsoleServer server = ConsoleServer.start("--checkpointing.directory=" + this.directory,
				"--checkpointing.console.enabled=true", "--checkpointing.console.recent-calls=5")) {
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
			assertThat(minuteCalls).isEqualTo(3);
			assertThat(state.get("warnings")).isEmpty();
		}
	}

	@Test
	void aReadOnlyConsoleRefusesEvictionNamingThePropertyAndKeepsTheEntries() throws Exception {
		try (ConsoleServer server = ConsoleServer.start("--checkpointing.directory=" + this.directory,
				"--checkpointing.console.enabled=true")) {
			server.work().square(2);
			HttpResponse<String> refused = server.send("POST", ConsoleServer.CONSOLE + "/Work%23square");
			assertThat(refused.statusCode()).isEqualTo(403);
			assertThat(refused.body()).contains("checkpointing.console.eviction-enabled=true");
			assertThat(server.method(server.state(), "Work#square").get("entries").asLong()).isEqualTo(1);
		}
	}

	@Test
	void withEvictionEnabledAMethodsEntriesCanBeEvicted() throws Exception {
		try (ConsoleServer server = ConsoleServer.start("--checkpointing.directory=" + this.directory,
				"--checkpointing.console.enabled=true", "--checkpointing.console.eviction-enabled=true")) {
			server.work().square(2);
			server.work().square(3);
			server.work().slow(1);
			assertThat(server.state().get("evictionEnabled").asBoolean()).isTrue();
			HttpResponse<String> evicted = server.send("POST", ConsoleServer.CONSOLE + "/Work%23square");
			assertThat(evicted.statusCode()).as(evicted.body()).isEqualTo(200);
			assertThat(evicted.body()).isEqualTo("{\"evicted\":2}");
			JsonNode state = server.state();
			assertThat(server.method(state, "Work#square").get("entries").asLong()).isZero();
			assertThat(server.method(state, "Work#slow").get("entries").asLong()).isEqualTo(1);
		}
	}

	@Test
	void offByDefaultAndNothingIsRecorded() throws Exception {
		try (ConsoleServer server = ConsoleServer.start("--checkpointing.directory=" + this.directory,
				"--management.endpoints.web.exposure.include=*")) {
			server.work().square(2);
			assertThat(server.send("GET", ConsoleServer.CONSOLE).statusCode()).isEqualTo(404);
			assertThat(server.send("GET", "/actuator/checkpoints").statusCode()).as("the other endpoints are there")
				.isEqualTo(200);
		}
	}

	@Test
	void anExclusionStillWinsOverTheProperty() throws Exception {
		try (ConsoleServer server = ConsoleServer.start("--checkpointing.directory=" + this.directory,
				"--checkpointing.console.enabled=true",
				"--management.endpoints.web.exposure.exclude=checkpointsconsole")) {
			assertThat(server.send("GET", ConsoleServer.CONSOLE).statusCode()).isEqualTo(404);
		}
	}

	@Test
	void theEndpointsTheApplicationExposesStayExposed() throws Exception {
		try (ConsoleServer server = ConsoleServer.start("--checkpointing.directory=" + this.directory,
				"--checkpointing.console.enabled=true", "--management.endpoints.web.exposure.include=health,checkpoints")) {
			assertThat(server.send("GET", ConsoleServer.CONSOLE).statusCode()).isEqualTo(200);
			assertThat(server.send("GET", "/actuator/checkpoints").statusCode()).isEqualTo(200);
			assertThat(server.send("GET", "/actuator/health").statusCode()).isEqualTo(200);
			assertThat(server.send("GET", "/actuator/metrics").statusCode()).as("not listed, not exposed").isEqualTo(404);
		}
	}

	@Test
	void withAManagementPortThePageIsServedThereOnly() throws Exception {
		try (ConsoleServer server = ConsoleServer.start("--checkpointing.directory=" + this.directory,
				"--checkpointing.console.enabled=true", "--management.server.port=0")) {
			assertThat(server.managementPort()).isNotEqualTo(server.port());
			assertThat(server.send("GET", ConsoleServer.CONSOLE, server.managementPort()).statusCode()).isEqualTo(200);
			assertThat(server.send("GET", ConsoleServer.CONSOLE + "?format=json", server.managementPort()).statusCode())
				.isEqualTo(200);
			assertThat(server.send("GET", ConsoleServer.CONSOLE, server.port()).statusCode()).isEqualTo(404);
		}
	}

	@Test
	void anUnknownFormatIsRefusedNamingTheParameter() throws Exception {
		try (ConsoleServer server = ConsoleServer.start("--checkpointing.directory=" + this.directory,
				"--checkpointing.console.enabled=true")) {
			HttpResponse<String> response = server.send("GET", ConsoleServer.CONSOLE + "?format=xml");
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.body()).contains("format must be json");
		}
	}

}
