package io.checkpointing.spring.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

import io.checkpointing.engine.CheckpointsAdministration;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.util.MimeType;

/**
 * The {@code checkpointsconsole} web endpoint: a page that shows the checkpointed methods, their
 * recent calls and why each miss ran, refreshed by a small script that reads the same endpoint's
 * JSON. Served under the management base path ({@code /actuator/checkpointsconsole}), on the
 * management port when one is set, and secured as any Actuator endpoint is.
 *
 * <ul>
 * <li>{@code GET /actuator/checkpointsconsole}: the page (HTML, no external assets)</li>
 * <li>{@code GET /actuator/checkpointsconsole?format=json}: what the page shows, a {@link ConsoleSnapshot}</li>
 * <li>{@code POST /actuator/checkpointsconsole/{method}}: evicts every entry of one method; 403
 * unless eviction is enabled</li>
 * </ul>
 */
@WebEndpoint(id = "checkpointsconsole")
public class CheckpointsConsoleEndpoint {

	static final MimeType HTML = MimeType.valueOf("text/html;charset=UTF-8");

	static final MimeType JSON = MimeType.valueOf("application/json");

	private static final String PAGE = "console.html";

	private final CheckpointsAdministration checkpoints;

	private final ConsoleSettings settings;

	private final String page;

	/**
	 * @param checkpoints the engine's store and records, as an administrator sees them
	 * @param settings how the console behaves
	 */
	public CheckpointsConsoleEndpoint(CheckpointsAdministration checkpoints, ConsoleSettings settings) {
		this.checkpoints = checkpoints;
		this.settings = settings;
		this.page = readPage();
	}

	/**
	 * @param format {@code json} for what the page shows; absent for the page itself
	 * @return the page, the snapshot, or a 400 naming the parameter
	 */
	@ReadOperation(produces = { "text/html", "application/json" })
	public WebEndpointResponse<Object> console(@Nullable String format) {
		if (format == null) {
			return new WebEndpointResponse<>(this.page, HTML);
		}
		if (!format.equals("json")) {
			return new WebEndpointResponse<>(Map.of("error", "format must be json (or absent for the page), was "
					+ format), WebEndpointResponse.STATUS_BAD_REQUEST, JSON);
		}
		return new WebEndpointResponse<>(ConsoleSnapshots.take(this.checkpoints, this.settings), JSON);
	}

	/**
	 * @param method a method's display name
	 * @return how many of its entries were removed; 403 if eviction is not enabled
	 */
	@WriteOperation(produces = "application/json")
	public WebEndpointResponse<Object> evict(@Selector String method) {
		if (!this.settings.evictionEnabled()) {
			return new WebEndpointResponse<>(Map.of("error", "Eviction from the console is off: set"
					+ " checkpointing.console.eviction-enabled=true to allow it"), 403, JSON);
		}
		return new WebEndpointResponse<>(Map.of("evicted", this.checkpoints.evictAll(method)), JSON);
	}

	private static String readPage() {
		try (InputStream in = Objects.requireNonNull(CheckpointsConsoleEndpoint.class.getResourceAsStream(PAGE),
				"the page is packaged beside the class")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the console page " + PAGE, ex);
		}
	}

}
