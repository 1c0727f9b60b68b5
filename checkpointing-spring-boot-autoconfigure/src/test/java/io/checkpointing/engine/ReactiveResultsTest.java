package io.checkpointing.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.checkpointing.Checkpoint;
import io.checkpointing.store.FilesystemBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ReactiveResultsTest {

	@TempDir
	Path directory;

	private final Streams streams = new Streams();

	private EngineCalls calls() {
		return new EngineCalls(CheckpointEngine.builder().backend(new FilesystemBackend(this.directory)).build());
	}

	@Test
	void aMonoStoresItsValue() throws Throwable {
		assertThat(((Mono<?>) calls().call(this.streams, "word", 2)).block()).isEqualTo("ab");
		assertThat(((Mono<?>) calls().call(this.streams, "word", 2)).block()).isEqualTo("ab");
		assertThat(this.streams.runs).hasValue(1);
	}

	@Test
	void anEmptyMonoStoresEmpty() throws Throwable {
		assertThat(((Mono<?>) calls().call(this.streams, "word", 0)).block()).isNull();
		Mono<?> stored = (Mono<?>) calls().call(this.streams, "word", 0);
		assertThat(stored.hasElement().block()).isFalse();
		assertThat(this.streams.runs).hasValue(1);
	}

	@Test
	void aFailedMonoStoresNothing() throws Throwable {
		assertThatIllegalStateException().isThrownBy(() -> ((Mono<?>) calls().call(this.streams, "word", -1)).block());
		assertThatIllegalStateException().isThrownBy(() -> ((Mono<?>) calls().call(this.streams, "word", -1)).block());
		assertThat(this.streams.runs).hasValue(2);
	}

	@Test
	void aFluxIsStoredAsAListAndReplayed() throws Throwable {
		assertThat(((Flux<?>) calls().call(this.streams, "counting", 3)).collectList().block()).isEqualTo(List.of(0, 1, 2));
		assertThat(((Flux<?>) calls().call(this.streams, "counting", 3)).collectList().block()).isEqualTo(List.of(0, 1, 2));
		assertThat(this.streams.runs).hasValue(1);
	}

	public static class Streams {

		final AtomicInteger runs = new AtomicInteger();

		@Checkpoint
		public Mono<String> word(int length) {
			this.runs.incrementAndGet();
			if (length < 0) {
				return Mono.error(new IllegalStateException("negative"));
			}
			return (length == 0) ? Mono.empty() : Mono.fromSupplier(() -> "abcdef".substring(0, length));
		}

		@Checkpoint
		public Flux<Integer> counting(int count) {
			this.runs.incrementAndGet();
			return Flux.range(0, count);
		}

	}

}
