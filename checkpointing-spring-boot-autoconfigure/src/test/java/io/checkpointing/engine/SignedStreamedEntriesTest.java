package io.checkpointing.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.checkpointing.CheckpointException;
import io.checkpointing.OnError;
import io.checkpointing.key.CallKey;
import io.checkpointing.serial.JavaSerializer;
import io.checkpointing.serial.ResultSerializer;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.EntrySigner;
import io.checkpointing.store.MemoryBackend;
import io.checkpointing.store.StoredEntry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A signing application reads an entry a backend streams (S3, large JDBC entries) only once its
 * signature is checked: an entry signed with another key reaches no serializer.
 */
class SignedStreamedEntriesTest {

	private static final EntrySigner OURS = new EntrySigner("our shared secret, 32 bytes long".getBytes(StandardCharsets.UTF_8));

	private static final EntrySigner THEIRS = new EntrySigner("somebody else's secret key......".getBytes(StandardCharsets.UTF_8));

	private final StreamingStore store = new StreamingStore();

	private final CountingSerializer serializer = new CountingSerializer();

	private final Calculator calculator = new Calculator();

	private EngineCalls calls(EntrySigner signer) {
		return new EngineCalls(CheckpointEngine.builder()
			.backend(this.store)
			.serializer(this.serializer)
			.defaultSerializer(this.serializer.id())
			.signer(signer)
			.build());
	}

	@Test
	void aStreamedEntrySignedWithOurKeyIsAHit() throws Throwable {
		calls(OURS).call(this.calculator, "twice", 21);
		this.serializer.reads.set(0); // the writer's read-back check of a new type
		assertThat(calls(OURS).call(this.calculator, "twice", 21)).isEqualTo(42);
		assertThat(this.calculator.runs).hasValue(1);
		assertThat(this.serializer.reads).as("read once, after its signature matched").hasValue(1);
	}

	@Test
	void aStreamedEntrySignedWithAnotherKeyIsNeverDeserialized() throws Throwable {
		calls(THEIRS).call(this.calculator, "twice", 21);
		this.serializer.reads.set(0); // the writer's read-back check of a new type
		// Raise: the refused entry ends the call, before a rerun's own read-back check could read.
		EngineCalls ours = new EngineCalls(CheckpointEngine.builder()
			.backend(this.store)
			.serializer(this.serializer)
			.defaultSerializer(this.serializer.id())
			.signer(OURS)
			.onError(OnError.RAISE)
			.build());
		assertThatExceptionOfType(CheckpointException.class).isThrownBy(() -> ours.call(this.calculator, "twice", 21))
			.withMessageContaining("its signature is not that of checkpointing.signing.key");
		assertThat(this.serializer.reads).hasValue(0);
	}

	/** A memory store that hands its entries out as plain streams, as a remote store does. */
	static final class StreamingStore implements CacheBackend {

		private final MemoryBackend entries = new MemoryBackend();

		@Override
		public Optional<ByteBuffer> read(CallKey key) throws IOException {
			return this.entries.read(key);
		}

		@Override
		public Optional<InputStream> readStream(CallKey key) throws IOException {
			Optional<ByteBuffer> entry = this.entries.read(key);
			if (entry.isEmpty()) {
				return Optional.empty();
			}
			byte[] bytes = new byte[entry.get().remaining()];
			entry.get().duplicate().get(bytes);
			return Optional.of(new ByteArrayInputStream(bytes));
		}

		@Override
		public void write(CallKey key, ByteBuffer entry) throws IOException {
			this.entries.write(key, entry);
		}

		@Override
		public boolean delete(CallKey key) throws IOException {
			return this.entries.delete(key);
		}

		@Override
		public Stream<StoredEntry> list() throws IOException {
			return this.entries.list();
		}

		@Override
		public void clear() throws IOException {
			this.entries.clear();
		}

		@Override
		public String location() {
			return "streaming memory";
		}

	}

	/** The JDK serializer, counting what it is asked to read. */
	static final class CountingSerializer implements ResultSerializer {

		private final JavaSerializer java = new JavaSerializer();

		final AtomicInteger reads = new AtomicInteger();

		@Override
		public String id() {
			return "counting";
		}

		@Override
		public void write(@Nullable Object value, Type type, OutputStream out) throws IOException {
			this.java.write(value, type, out);
		}

		@Override
		public @Nullable Object read(InputStream in, Type type) throws IOException {
			this.reads.incrementAndGet();
			return this.java.read(in, type);
		}

	}

}
