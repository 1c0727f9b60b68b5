package io.checkpointing.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.checkpointing.OnError;
import io.checkpointing.key.CallKey;
import io.checkpointing.key.KeyComponent;
import io.checkpointing.serial.JacksonSerializer;
import io.checkpointing.serial.JavaSerializer;
import io.checkpointing.store.EntryFormat;
import io.checkpointing.store.EntryHeader;
import io.checkpointing.store.MemoryBackend;
import io.checkpointing.store.StoredEntry;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds 10,000 random and mutated entries to the engine's reader, for records, lists, maps and
 * primitive arrays under every serializer: whatever the bytes, a call returns a value of the
 * declared type (the method's own result after a miss), never throws under {@code WARN}, and
 * no gadget class is ever instantiated.
 */
class HostileEntryPropertiesTest {

	private static final List<String> SERIALIZERS = List.of("json", "smile", "cbor", "java");

	private static final List<String> METHODS = List.of("point", "points", "named", "series", "counts");

	/** Also written, so that its payloads (a list of an Integer and a String) are planted for the others. */
	private static final List<String> DONORS = List.of("anything", "label");

	private static final int ARGUMENT = 3;

	private static final Fixture fixture = new Fixture();

	@Property(tries = 2500, generation = GenerationMode.RANDOMIZED)
	void randomBytesAreMisses(@ForAll("targets") Target target, @ForAll("randomEntries") byte[] entry) throws Throwable {
		fixture.plantAndCall(target, entry);
	}

	@Property(tries = 2500, generation = GenerationMode.RANDOMIZED)
	void damagedEntriesAreMisses(@ForAll("targets") Target target, @ForAll("damages") EntryDamages.Damage damage,
			@ForAll boolean checksumForged) throws Throwable {
		byte[] damaged = damage.apply(fixture.intactEntry(target));
		fixture.plantAndCall(target, checksumForged ? PlantedEntries.withValidChecksum(damaged) : damaged);
	}

	@Property(tries = 2500, generation = GenerationMode.RANDOMIZED)
	void forgedHeadersWithAValidChecksumAreMissesOrValues(@ForAll("targets") Target target,
			@ForAll("forgedHeaders") Forgery forgery) throws Throwable {
		fixture.plantAndCall(target, forgery.entryFor(fixture.key(target), fixture.payload(target)));
	}

	@Property(tries = 2500, generation = GenerationMode.RANDOMIZED)
	void hostilePayloadsInIntactEntriesNeverInstantiateUndeclaredClasses(@ForAll("targets") Target target,
			@ForAll("payloads") Payload payload) throws Throwable {
		fixture.plantAndCall(target, PlantedEntries.envelope(fixture.key(target), payload.reader(), "Results#" + target.method(),
				payload.bytes()));
	}

	/**
	 * Every payload written for a method, planted for every other: as if a return type changed
	 * while the key did not. Exhaustive, beyond the 10,000 random tries.
	 */
	@Property(generation = GenerationMode.EXHAUSTIVE)
	void entriesWrittenForAnotherTypeAreMissesOrFit(@ForAll("targets") Target target, @ForAll("intactPayloads") Payload payload)
			throws Throwable {
		fixture.plantAndCall(target, PlantedEntries.envelope(fixture.key(target), payload.reader(), "Results#" + target.method(),
				payload.bytes()));
	}

	@Provide
	Arbitrary<Payload> intactPayloads() {
		return Arbitraries.of(fixture.intactPayloads());
	}

	@net.jqwik.api.lifecycle.AfterContainer
	static void reportOutcomesAndCleanUp() throws IOException {
		System.out.println("Hostile entries: " + fixture.outcomes());
		fixture.deleteMarkerDirectory();
	}

	@Provide
	Arbitrary<Target> targets() {
		return Arbitraries.of(fixture.targets());
	}

	@Provide
	Arbitrary<byte[]> randomEntries() {
		Arbitrary<byte[]> tails = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
		return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(600),
				tails.map((tail) -> concat("CKPT".getBytes(StandardCharsets.US_ASCII), tail)),
				tails.map((tail) -> PlantedEntries.withValidChecksum(concat("CKPT".getBytes(StandardCharsets.US_ASCII), tail))));
	}

	@Provide
	Arbitrary<EntryDamages.Damage> damages() {
		return EntryDamages.any(fixture.intactEntries());
	}

	/**
	 * The payloads a reader may be handed inside an intact envelope: every method's payload under
	 * every serializer (so also one written for another type), gadget payloads, both damaged,
	 * and random bytes; mostly named with the serializer that wrote them, as a real entry would.
	 */
	@Provide
	Arbitrary<Payload> payloads() {
		List<Payload> known = new ArrayList<>(fixture.intactPayloads());
		known.addAll(fixture.gadgetPayloads());
		Arbitrary<Payload> whole = Arbitraries.of(known);
		Arbitrary<Payload> damaged = Combinators
			.combine(whole, EntryDamages.any(known.stream().map(Payload::bytes).toList()))
			.as((payload, damage) -> new Payload(payload.reader(), damage + " of " + payload.name(), damage.apply(payload.bytes())));
		Arbitrary<Payload> random = Combinators
			.combine(Arbitraries.of("json", "smile", "cbor", "java"), Arbitraries.bytes().array(byte[].class).ofMaxSize(300))
			.as((reader, bytes) -> new Payload(reader, bytes.length + " random bytes", bytes));
		Arbitrary<Payload> named = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, whole), net.jqwik.api.Tuple.of(5, damaged),
				net.jqwik.api.Tuple.of(2, random));
		Arbitrary<String> otherReader = Arbitraries.of("json", "smile", "cbor", "java", "xml");
		return Combinators.combine(named, Arbitraries.integers().between(0, 9), otherReader)
			.as((payload, dice, reader) -> (dice < 8) ? payload : new Payload(reader, payload.name(), payload.bytes()));
	}

	/**
	 * Headers a forger writes with a checksum that matches: random bytes where the header's
	 * fields go, or well-formed fields with any values (serializer ids, times, durations, key
	 * components).
	 */
	@Provide
	Arbitrary<Forgery> forgedHeaders() {
		Arbitrary<Forgery> rawFields = Arbitraries.bytes().array(byte[].class).ofMaxSize(200)
			.map((fields) -> new Forgery("random header fields " + fields.length,
					(key, payload) -> rawHeader(key, fields, payload)));
		Arbitrary<String> serializerIds = Arbitraries.oneOf(Arbitraries.of(SERIALIZERS), Arbitraries.strings().ofMaxLength(20));
		Arbitrary<KeyComponent> components = Combinators.combine(Arbitraries.of(KeyComponent.Kind.class),
				Arbitraries.strings().ofMaxLength(30), Arbitraries.longs()).as(KeyComponent::new);
		Arbitrary<Forgery> anyValues = Combinators
			.combine(serializerIds, Arbitraries.strings().ofMaxLength(40), Arbitraries.longs(), Arbitraries.longs(),
					Arbitraries.strings().ofMaxLength(60), components.list().ofMaxSize(5))
			.as((serializer, method, created, nanos, summary, parts) -> new Forgery(
					"header " + serializer + ", " + created + " ms, " + nanos + " ns",
					(key, payload) -> wellFormed(key, new EntryHeader(serializer, method, Instant.ofEpochMilli(created),
							Duration.ofNanos(nanos), summary, 0, parts), payload)));
		return Arbitraries.oneOf(rawFields, anyValues);
	}

	/**
	 * The fixed header of this version, the key the entry is planted for, any bytes as the
	 * header's fields, the payload and its trailer.
	 */
	private static byte[] rawHeader(CallKey key, byte[] fields, byte[] payload) {
		ByteBuffer entry = ByteBuffer.allocate(44 + fields.length + payload.length + 12);
		entry.putInt(0x434B5054).putShort((short) EntryFormat.VERSION).putShort((short) 0).putInt(44 + fields.length)
			.put(java.util.HexFormat.of().parseHex(key.hex())).put(fields).put(payload).putLong(payload.length).putInt(0);
		return PlantedEntries.withValidChecksum(entry.array());
	}

	private static byte[] wellFormed(CallKey key, EntryHeader header, byte[] payload) {
		try {
			return PlantedEntries.bytes(EntryFormat.encode(key, header, (out) -> out.write(payload)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = new byte[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	/**
	 * A payload and the serializer an entry names to read it.
	 * @param reader the serializer id in the entry's header
	 * @param name what the payload is, for a failing try's report
	 * @param bytes the payload
	 */
	record Payload(String reader, String name, byte[] bytes) {

		@Override
		public String toString() {
			return this.name + " for " + this.reader;
		}

	}

	/** A method called through the engine whose methods use one serializer. */
	record Target(String serializer, String method) {

	}

	/** A named way to forge an entry for a key around a payload. */
	record Forgery(String name, java.util.function.BiFunction<CallKey, byte[], byte[]> around) {

		byte[] entryFor(CallKey key, byte[] payload) {
			return this.around.apply(key, payload);
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

	/**
	 * One engine per serializer, each on its own memory store, every method called once so its
	 * key and intact entry are known.
	 */
	private static final class Fixture {

		private final Results results = new Results();

		private final Map<String, MemoryBackend> backends = new LinkedHashMap<>();

		private final Map<String, EngineCalls> calls = new LinkedHashMap<>();

		private final Map<Target, CallKey> keys = new LinkedHashMap<>();

		private final Map<Target, byte[]> entries = new LinkedHashMap<>();

		private final Map<String, Object> expected = new LinkedHashMap<>();

		private final Path marker;

		private final List<Payload> gadgetPayloads = new ArrayList<>();

		private final java.util.concurrent.atomic.AtomicInteger misses = new java.util.concurrent.atomic.AtomicInteger();

		private final java.util.concurrent.atomic.AtomicInteger readAsValues = new java.util.concurrent.atomic.AtomicInteger();

		Fixture() {
			try {
				Path directory = Files.createTempDirectory("hostile-entries");
				this.marker = directory.resolve("gadget-ran");
				for (String serializer : SERIALIZERS) {
					MemoryBackend backend = new MemoryBackend();
					CheckpointEngine engine = CheckpointEngine.builder()
						.backend(backend)
						.serializer(JacksonSerializer.smile())
						.serializer(JacksonSerializer.cbor())
						.serializer(new JavaSerializer())
						.defaultSerializer(serializer)
						.onError(OnError.WARN)
						.build();
					EngineCalls engineCalls = new EngineCalls(engine);
					this.backends.put(serializer, backend);
					this.calls.put(serializer, engineCalls);
					for (String method : java.util.stream.Stream.concat(METHODS.stream(), DONORS.stream()).toList()) {
						this.expected.put(method, engineCalls.call(this.results, method, ARGUMENT));
						StoredEntry stored = engine.administration().entries()
							.stream()
							.filter((entry) -> entry.header().methodName().equals("Results#" + method))
							.findFirst()
							.orElseThrow();
						Target target = new Target(serializer, method);
						this.keys.put(target, stored.key());
						this.entries.put(target, PlantedEntries.bytes(backend.read(stored.key()).orElseThrow()));
					}
					Gadgets.payloadsFor(serializer, this.marker)
						.forEach((payload) -> this.gadgetPayloads.add(new Payload(serializer, "gadget", payload)));
				}
			}
			catch (Throwable ex) {
				throw new IllegalStateException("Cannot set up the engines", ex);
			}
		}

		List<Target> targets() {
			return this.keys.keySet().stream().filter((target) -> METHODS.contains(target.method())).toList();
		}

		CallKey key(Target target) {
			return this.keys.get(target);
		}

		byte[] intactEntry(Target target) {
			return this.entries.get(target);
		}

		byte[] payload(Target target) {
			return PlantedEntries.payloadOf(this.entries.get(target));
		}

		List<byte[]> intactEntries() {
			return List.copyOf(this.entries.values());
		}

		List<Payload> intactPayloads() {
			return this.entries.entrySet()
				.stream()
				.map((entry) -> new Payload(entry.getKey().serializer(), entry.getKey().method() + " payload",
						PlantedEntries.payloadOf(entry.getValue())))
				.toList();
		}

		List<Payload> gadgetPayloads() {
			return this.gadgetPayloads;
		}

		/**
		 * Puts the bytes where the target's entry is and calls the method: the call returns a
		 * value of the declared type, no gadget ran, and the store holds the planted entry (it
		 * was read as a value) or an intact one that replaced it.
		 */
		void plantAndCall(Target target, byte[] planted) throws Throwable {
			MemoryBackend backend = this.backends.get(target.serializer());
			CallKey key = this.keys.get(target);
			backend.write(key, ByteBuffer.wrap(planted));
			int gadgets = Gadgets.created.get();
			Object result = this.calls.get(target.serializer()).call(this.results, target.method(), ARGUMENT);
			assertThat(this.marker).as("marker of a gadget").doesNotExist();
			assertThat(Gadgets.created.get()).as("gadget instances").isEqualTo(gadgets);
			assertThat(fitsDeclaredType(target.method(), result)).as("%s fits the declared type of %s", describe(result),
					target.method())
				.isTrue();
			byte[] stored = PlantedEntries.bytes(backend.read(key).orElseThrow());
			if (java.util.Arrays.equals(stored, planted)) {
				this.readAsValues.incrementAndGet();
			}
			else {
				assertThat(EntryFormat.decode(ByteBuffer.wrap(stored), key).header().methodName())
					.isEqualTo("Results#" + target.method());
				assertThat(result).as("the method's own result").satisfies((value) -> assertSameResult(target.method(), value));
				this.misses.incrementAndGet();
			}
		}

		private void assertSameResult(String method, Object result) {
			assertThat(result).usingRecursiveComparison().isEqualTo(this.expected.get(method));
		}

		void deleteMarkerDirectory() throws IOException {
			Files.deleteIfExists(this.marker);
			Files.deleteIfExists(this.marker.getParent());
		}

		String outcomes() {
			return this.misses.get() + " misses that recomputed and rewrote, " + this.readAsValues.get()
					+ " planted entries read as values of the declared type";
		}

		private static String describe(Object result) {
			return (result != null) ? result.getClass().getName() + " " + ValueClasses.of(result) : "null";
		}

		/** {@code null} is a value every one of these methods could return. */
		private static boolean fitsDeclaredType(String method, Object result) {
			if (result == null) {
				return true;
			}
			return switch (method) {
				case "point" -> result instanceof Results.Point;
				case "points" -> result instanceof List<?> list
						&& list.stream().allMatch((element) -> element == null || element instanceof Results.Point);
				case "named" -> result instanceof Map<?, ?> map && map.keySet().stream().allMatch((name) -> name instanceof String)
						&& map.values().stream().allMatch((point) -> point == null || point instanceof Results.Point);
				case "series" -> result instanceof double[];
				case "counts" -> result instanceof int[];
				default -> throw new IllegalArgumentException(method);
			};
		}

	}

}
