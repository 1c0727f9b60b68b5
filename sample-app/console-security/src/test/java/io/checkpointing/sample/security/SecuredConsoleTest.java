package io.checkpointing.sample.security;

import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.checkpointing.sample.security.SecuredConsoleApplication.Squares;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console behind the recommended rule, over real HTTP: strangers are asked to log in, a user
 * without the role is refused, and an administrator sees the page and evicts with the CSRF token
 * that the page's script reads from the cookie and sends in the header, never without it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SecuredConsoleTest {

	private static final String CONSOLE = "/actuator/checkpointsconsole";

	private static final String ADMIN = "admin:admin-secret";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private Squares squares;

	@Test
	void strangersAreAskedToLogInButHealthIsOpen() throws Exception {
		assertThat(send("GET", CONSOLE, "", Map.of()).statusCode()).isEqualTo(401);
		assertThat(send("GET", CONSOLE + "?format=json", "", Map.of()).statusCode()).isEqualTo(401);
		assertThat(send("POST", CONSOLE + "/Squares%23square", "", Map.of()).statusCode()).isIn(401, 403);
		assertThat(send("GET", "/actuator/health", "", Map.of()).statusCode()).isEqualTo(200);
	}

	@Test
	void aUserWithoutTheAdminRoleIsRefused() throws Exception {
		assertThat(send("GET", CONSOLE, "viewer:viewer-secret", Map.of()).statusCode()).isEqualTo(403);
		assertThat(send("GET", CONSOLE + "?format=json", "viewer:viewer-secret", Map.of()).statusCode()).isEqualTo(403);
	}

	@Test
	void anAdministratorEvictsWithTheTokenThePageSendsAndNotWithout() throws Exception {
		this.squares.square(3);
		HttpResponse<String> page = send("GET", CONSOLE, ADMIN, Map.of("Accept", "text/html"));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).as("what the page's script reads and sends").contains("XSRF-TOKEN=", "X-XSRF-TOKEN");
		String token = page.headers()
			.allValues("Set-Cookie")
			.stream()
			.flatMap((header) -> HttpCookie.parse(header).stream())
			.filter((cookie) -> cookie.getName().equals("XSRF-TOKEN"))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No XSRF-TOKEN cookie with the page: " + page.headers()));

		HttpResponse<String> forged = send("POST", CONSOLE + "/Squares%23square", ADMIN, Map.of());
		assertThat(forged.statusCode()).as("a POST without the token, as another site's form would send it")
			.isEqualTo(403);
		assertThat(entries("Squares#square")).isEqualTo(1);

		HttpResponse<String> evicted = send("POST", CONSOLE + "/Squares%23square", ADMIN,
				Map.of("Cookie", "XSRF-TOKEN=" + token, "X-XSRF-TOKEN", token));
		assertThat(evicted.statusCode()).as(evicted.body()).isEqualTo(200);
		assertThat(evicted.body()).isEqualTo("{\"evicted\":1}");
		assertThat(entries("Squares#square")).isZero();
	}

	private long entries(String method) throws Exception {
		HttpResponse<String> response = send("GET", CONSOLE + "?format=json", ADMIN, Map.of());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		for (JsonNode row : JsonMapper.builder().build().readTree(response.body()).get("methods")) {
			if (row.get("name").asString().equals(method)) {
				return row.get("entries").asLong();
			}
		}
		throw new AssertionError("No row for " + method + " in " + response.body());
	}

	/** @param credentials {@code user:password}, empty for none */
	private HttpResponse<String> send(String method, String path, String credentials, Map<String, String> headers)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.header("Accept", "application/json");
		headers.forEach(request::setHeader);
		if (!credentials.isEmpty()) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** An administrator and a user who is not one. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Users {

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(List.of(
					User.withUsername("admin").password("{noop}admin-secret").roles("ADMIN").build(),
					User.withUsername("viewer").password("{noop}viewer-secret").roles("USER").build()));
		}

	}

}
