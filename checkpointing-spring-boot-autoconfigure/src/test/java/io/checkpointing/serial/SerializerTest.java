package io.checkpointing.serial;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class SerializerTest {

	static Stream<ResultSerializer> jackson() {
		return Stream.of(JacksonSerializer.json(), JacksonSerializer.smile(), JacksonSerializer.cbor());
	}

	static Stream<ResultSerializer> all() {
		return Stream.concat(jackson(), Stream.of(new JavaSerializer()));
	}

	@ParameterizedTest
	@MethodSource("all")
	void readsBackIntoTheDeclaredGenericType(ResultSerializer serializer) throws Exception {
		List<Person> people = new ArrayList<>(List.of(new Person("ada", LocalDate.of(1815, 12, 10)),
				new Person("alan", LocalDate.of(1912, 6, 23))));
		Object read = roundTrip(serializer, people, Signatures.type("people"));
		assertThat(read).isEqualTo(people);
		assertThat(((List<?>) read).get(0)).isInstanceOf(Person.class);
	}

	@ParameterizedTest
	@MethodSource("all")
	void readsBackMapsOfArrays(ResultSerializer serializer) throws Exception {
		Map<String, double[]> series = new java.util.HashMap<>(Map.of("x", new double[] { 1.5, -2.25 }));
		@SuppressWarnings("unchecked")
		Map<String, double[]> read = (Map<String, double[]>) roundTrip(serializer, series, Signatures.type("series"));
		assertThat(read.get("x")).containsExactly(1.5, -2.25);
	}

	@ParameterizedTest
	@MethodSource("all")
	void readsBackTimeValuesAndNull(ResultSerializer serializer) throws Exception {
		Timing timing = new Timing(Instant.parse("2026-11-25T10:15:30.123456789Z"), Duration.ofMillis(1500));
		assertThat(roundTrip(serializer, timing, Timing.class)).isEqualTo(timing);
		assertThat(roundTrip(serializer, null, Timing.class)).isNull();
	}

	@ParameterizedTest
	@MethodSource("jackson")
	void jacksonNeverLetsThePayloadChooseAType(ResultSerializer serializer) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		serializer.write(List.of(new Person("ada", LocalDate.of(1815, 12, 10))), Signatures.type("people"), out);
		assertThat(out.toString(java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(Person.class.getName());
	}

	@Test
	void javaSerializationRefusesClassesTheDeclaredTypeCannotHold() throws Exception {
		ByteArrayOutputStream planted = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(planted)) {
			out.writeObject(new Gadget("touch /tmp/owned"));
		}
		assertThatIOException()
			.isThrownBy(() -> new JavaSerializer().read(new ByteArrayInputStream(planted.toByteArray()), Timing.class))
			.withMessageContaining("REJECTED");
		assertThat(Gadget.instantiated).isFalse();
	}

	@Test
	void javaSerializationRefusesAStreamWrittenForAnotherGenericType() throws Exception {
		ByteArrayOutputStream written = new ByteArrayOutputStream();
		new JavaSerializer().write(new ArrayList<>(List.of("ada")), Signatures.type("names"), written);
		assertThatIOException()
			.isThrownBy(() -> new JavaSerializer().read(new ByteArrayInputStream(written.toByteArray()), Signatures.type("people")))
			.withMessage("the value[0] is a java.lang.String, not a " + Person.class.getTypeName());
	}

	@Test
	@SuppressWarnings({ "rawtypes", "unchecked" })
	void javaSerializationChecksTheElementsOfARecordsComponents() throws Exception {
		List members = new ArrayList<>(List.of(new Person("ada", LocalDate.of(1815, 12, 10)), 42));
		ByteArrayOutputStream written = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(written)) {
			out.writeObject(new Team("analysts", members));
		}
		assertThatIOException()
			.isThrownBy(() -> new JavaSerializer().read(new ByteArrayInputStream(written.toByteArray()), Team.class))
			.withMessage("the value.members[1] is a java.lang.Integer, not a " + Person.class.getTypeName());
		Team intact = new Team("analysts", List.of(new Person("ada", LocalDate.of(1815, 12, 10))));
		assertThat(roundTrip(new JavaSerializer(), intact, Team.class)).isEqualTo(intact);
	}

	@Test
	void javaSerializationReadsBackCyclesAndSharedObjects() throws Exception {
		Node root = new Node("root", null);
		Node child = new Node("child", root);
		root.children.add(child);
		root.children.add(root);
		Node read = (Node) roundTrip(new JavaSerializer(), root, Node.class);
		assertThat(read.children).hasSize(2);
		assertThat(read.children.get(0).parent).isSameAs(read);
		assertThat(read.children.get(1)).isSameAs(read);
		// 2^64 paths through 65 objects: checked once per object, not once per path.
		Node top = sharedTwiceOnEachOf(64, "leaf");
		assertThat(((Node) roundTrip(new JavaSerializer(), top, Node.class)).name).isEqualTo("0");
	}

	@Test
	@SuppressWarnings({ "rawtypes", "unchecked" })
	void javaSerializationFindsAMisfitBelowSharedObjects() throws Exception {
		Node top = sharedTwiceOnEachOf(64, "leaf");
		Node leaf = top;
		while (!leaf.children.isEmpty()) {
			leaf = leaf.children.get(0);
		}
		((List) leaf.children).add("not a node");
		ByteArrayOutputStream written = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(written)) {
			out.writeObject(top);
		}
		assertThatIOException()
			.isThrownBy(() -> new JavaSerializer().read(new ByteArrayInputStream(written.toByteArray()), Node.class))
			.withMessageEndingWith(".children[0] is a java.lang.String, not a " + Node.class.getTypeName());
	}

	/** Nodes named 0 to depth, each holding the next one twice; the last one is named {@code leaf}. */
	private static Node sharedTwiceOnEachOf(int depth, String leafName) {
		Node next = new Node(leafName, null);
		for (int level = depth - 1; level >= 0; level--) {
			Node node = new Node(Integer.toString(level), null);
			node.children.add(next);
			node.children.add(next);
			next = node;
		}
		return next;
	}

	private static Object roundTrip(ResultSerializer serializer, Object value, Type type) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		serializer.write(value, type, out);
		return serializer.read(new ByteArrayInputStream(out.toByteArray()), type);
	}

	record Person(String name, LocalDate born) implements Serializable {
	}

	record Team(String name, List<Person> members) implements Serializable {
	}

	static final class Node implements Serializable {

		private static final long serialVersionUID = 1L;

		final String name;

		final Node parent;

		final List<Node> children = new ArrayList<>();

		Node(String name, Node parent) {
			this.name = name;
			this.parent = parent;
		}

	}

	record Timing(Instant at, Duration took) implements Serializable {
	}

	static final class Gadget implements Serializable {

		static volatile boolean instantiated;

		private final String command;

		Gadget(String command) {
			this.command = command;
		}

		private void readObject(java.io.ObjectInputStream in) throws IOException, ClassNotFoundException {
			instantiated = true;
			in.defaultReadObject();
		}

	}

	interface Signatures {

		List<Person> people();

		Map<String, double[]> series();

		List<String> names();

		static Type type(String method) throws NoSuchMethodException {
			return Signatures.class.getMethod(method).getGenericReturnType();
		}

	}

}
