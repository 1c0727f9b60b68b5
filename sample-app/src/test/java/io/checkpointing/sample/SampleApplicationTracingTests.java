package io.checkpointing.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app traced by Brave through Micrometer Tracing, as Spring Boot sets it up when the
 * tracing bridge is on the class path: each checkpointed step of a request is a span
 * {@code checkpoint <method>} of the request's trace, tagged with its result, and a miss has a
 * {@code checkpoint compute} child. The spans are those Brave really finished, collected by a
 * {@link SpanHandler} as a reporter to Zipkin would receive them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "logging.level.io.checkpointing.engine.CheckpointEngine=DEBUG")
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTracingTests {

	private static final String REQUEST = "/experiment?seed=11&samples=2000&epochs=20";

	@TempDir
	static Path directory;

	@LocalServerPort
	private int port;

	@Autowired
	private FinishedSpans spans;

	@DynamicPropertySource
	static void checkpointingDirectory(DynamicPropertyRegistry registry) {
		registry.add("checkpointing.directory", () -> directory.toString());
	}

	@Test
	void eachStepIsASpanOfItsRequestTaggedWithItsResult(CapturedOutput output) throws Exception {
		get(REQUEST);
		List<MutableSpan> firstRequest = this.spans.takeAll();
		get(REQUEST);
		List<MutableSpan> secondRequest = this.spans.takeAll();

		List<MutableSpan> missed = calls(firstRequest);
		assertThat(missed).extracting((span) -> span.tag("method"))
			.containsExactlyInAnyOrder("DatasetGenerator#generate", "Trainer#train", "Evaluator#evaluate");
		assertThat(missed).allSatisfy((span) -> assertThat(span.tag("result")).isEqualTo("miss"));
		assertThat(missed).allSatisfy((span) -> assertThat(span.tag("key")).matches("[0-9a-f]{12}"));
		assertThat(missed).extracting(MutableSpan::traceId).containsOnly(missed.get(0).traceId());
		assertThat(missed).allSatisfy((span) -> assertThat(span.parentId()).as("a child of the request's span").isNotNull());
		for (MutableSpan call : missed) {
			assertThat(named(firstRequest, "checkpoint compute")).as("compute of " + call.tag("method"))
				.anySatisfy((compute) -> assertThat(compute.parentId()).isEqualTo(call.id()));
		}

		List<MutableSpan> hit = calls(secondRequest);
		assertThat(hit).hasSize(3).allSatisfy((span) -> assertThat(span.tag("result")).isEqualTo("hit"));
		assertThat(hit.get(0).traceId()).as("another request, another trace").isNotEqualTo(missed.get(0).traceId());
		assertThat(named(secondRequest, "checkpoint compute")).as("a hit computes nothing").isEmpty();

		// Spring Boot's log correlation writes the trace and span ids into each line logged in a
		// traced call, so the explanation of a miss can be found from its span and back.
		assertThat(output.getOut()).contains(missed.get(0).traceId());
	}

	private static List<MutableSpan> calls(List<MutableSpan> spans) {
		return spans.stream().filter((span) -> span.tag("method") != null && span.tag("result") != null).toList();
	}

	private static List<MutableSpan> named(List<MutableSpan> spans, String name) {
		return spans.stream().filter((span) -> name.equalsIgnoreCase(span.name())).toList();
	}

	private void get(String pathAndQuery) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + pathAndQuery)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SpanCollection {

		@Bean
		FinishedSpans finishedSpans() {
			return new FinishedSpans();
		}

	}

	/** Collects the spans Brave finishes, as a reporter would receive them. */
	static class FinishedSpans extends SpanHandler {

		private final Queue<MutableSpan> finished = new ConcurrentLinkedQueue<>();

		@Override
		public boolean end(TraceContext context, MutableSpan span, Cause cause) {
			if (cause == Cause.FINISHED) {
				this.finished.add(span);
			}
			return true;
		}

		/**
		 * @return the spans finished since the last call; the server span of a request may finish
		 * just after its response is sent, which does not matter to the steps' spans
		 */
		List<MutableSpan> takeAll() {
			List<MutableSpan> spans = List.copyOf(this.finished);
			this.finished.clear();
			return spans;
		}

	}

}
