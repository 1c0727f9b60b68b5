package io.checkpointing.engine;

import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.checkpointing.OnError;
import io.checkpointing.serial.JacksonSerializer;
import io.checkpointing.serial.JavaSerializer;
import io.checkpointing.store.FilesystemBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DefaultTyping;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Entries planted by someone who can write the store: intact envelopes around payloads that ask
 * for a gadget class. The gadget must never run, whichever serializer the entry names and
 * whatever the method declares, {@code Object} and {@code Serializable} included.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostilePayloadTest {

	private static final List<String> SERIALIZERS = List.of("json", "smile", "cbor", "java");

	private static final List<String> METHODS = List.of("point", "points", "named", "series", "counts", "anything",
			"serializable");

	@TempDir
	Path directory;

	private Path store;

	private Path marker;

	private final Results results = new Results();

	@BeforeEach
	void paths() {
		this.store = this.directory.resolve("store");
		this.marker = this.directory.resolve("gadget-ran");
	}

	private CheckpointEngine engine(String defaultSerializer) {
		return CheckpointEngine.builder()
			.backend(new FilesystemBackend(this.store))
			.serializer(JacksonSerializer.json())
			.serializer(JacksonSerializer.smile())
			.serializer(JacksonSerializer.cbor())
			.serializer(new JavaSerializer())
			.defaultSerializer(defaultSerializer)
			.onError(OnError.WARN)
			.build();
	}

	static Stream<Arguments> methodsAndPlantedReaders() {
		return METHODS.stream().flatMap((method) -> SERIALIZERS.stream().map((reader) -> Arguments.of(method, reader)));
	}

	@ParameterizedTest(name = "{0} with a gadget entry for the {1} reader")
	@MethodSource("methodsAndPlantedReaders")
	void aGadgetPlantedAsAnEntryNeverRuns(String method, String reader) throws Throwable {
		EngineCalls calls = new EngineCalls(engine("json"));
		Object expected = calls.call(this.results, method, 3);
		Path entry = PlantedEntries.entryFileOf(this.store, "Results#" + method);
		List<byte[]> payloads = Gadgets.payloadsFor(reader, this.marker);
		int gadgetsBefore = Gadgets.created.get();
		for (byte[] payload : payloads) {
			Files.createDirectories(entry.getParent());
			Files.write(entry, PlantedEntries.envelope(PlantedEntries.keyOf(entry), reader, "Results#" + method, payload));
			Object result = calls.call(this.results, method, 3);
			assertThat(this.marker).as("marker of a gadget").doesNotExist();
			assertThat(Gadgets.created).as("gadget instances").hasValue(gadgetsBefore);
			assertOnlyDeclaredClasses(method, expected, result);
		}
	}

	/**
	 * A planted entry that is valid data of the declared type is a hit, as a forged checksum is
	 * beyond what this format guards against; under {@code Object} Jackson reads plain maps and
	 * lists, never a class the payload names.
	 */
	private static void assertOnlyDeclaredClasses(String method, Object expected, Object result) {
		if (result instanceof double[] || result instanceof int[]) {
			assertThat(result.getClass()).isEqualTo(expected.getClass());
			return;
		}
		assertThat(ValueClasses.of(result)).as("classes in the result of %s", method)
			.allMatch((type) -> ValueClasses.isJdk(type) || type == Results.Point.class);
	}

	@Test
	void theJavaPayloadsDoRunTheirGadgetWithoutAFilter() throws Exception {
		for (byte[] payload : Gadgets.javaPayloads(this.marker)) {
			try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(payload))) {
				in.readObject();
			}
			assertThat(this.marker).exists();
			Files.delete(this.marker);
		}
	}

	@Test
	void theJacksonPayloadsDoRunTheirGadgetUnderDefaultTyping() throws Exception {
		JsonMapper defaultTyping = JsonMapper.builder()
			.activateDefaultTyping(BasicPolymorphicTypeValidator.builder().allowIfBaseType(Object.class).build(),
					DefaultTyping.NON_FINAL)
			.build();
		byte[] wrapperArray = Gadgets.jacksonPayloads(this.marker, JacksonSerializer.json()).get(1);
		defaultTyping.readValue(wrapperArray, Object.class);
		assertThat(this.marker).exists();
	}

	@Test
	void theJavaSerializerRefusesToStoreUnderObjectAClassItCouldNotReadBack(CapturedOutput output) throws Throwable {
		CheckpointEngine engine = engine("java");
		EngineCalls calls = new EngineCalls(engine);
		assertThat(calls.call(this.results, "pointAsObject", 1)).isEqualTo(new Results.Point(1, 1));
		assertThat(calls.call(this.results, "pointAsObject", 1)).isEqualTo(new Results.Point(1, 1));
		assertThat(this.results.runs).as("nothing was stored").hasValue(2);
		assertThat(engine.administration().entries()).isEmpty();
		assertThat(engine.statistics().of("Results#pointAsObject").errors()).isEqualTo(2);
		assertThat(output).contains("the result contains a " + Results.Point.class.getName()
				+ ", which the declared type java.lang.Object cannot hold");
	}

	@Test
	void theJavaSerializerStoresJdkValuesUnderObject() throws Throwable {
		CheckpointEngine engine = engine("java");
		EngineCalls calls = new EngineCalls(engine);
		Object first = calls.call(this.results, "anything", 4);
		assertThat(calls.call(this.results, "anything", 4)).isEqualTo(first).isEqualTo(new ArrayList<>(List.of(4, "x4")));
		assertThat(calls.call(this.results, "serializable", 4)).isEqualTo("s4");
		assertThat(calls.call(this.results, "serializable", 4)).isEqualTo("s4");
		assertThat(this.results.runs).hasValue(2);
		assertThat(engine.statistics().of("Results#anything").errors()).isZero();
	}

	@Test
	void jacksonEntriesNameNoClass() throws Throwable {
		CheckpointEngine engine = engine("json");
		EngineCalls calls = new EngineCalls(engine);
		for (String method : METHODS) {
			calls.call(this.results, method, 2);
			String entry = new String(Files.readAllBytes(PlantedEntries.entryFileOf(this.store, "Results#" + method)),
					java.nio.charset.StandardCharsets.ISO_8859_1);
			assertThat(entry).as(method).doesNotContain("io.checkpointing", "java.util", "@class");
		}
	}

}
