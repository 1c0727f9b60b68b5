package io.checkpointing.key;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;

import io.checkpointing.Checkpoint;
import io.checkpointing.CheckpointException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ArgumentHasherTest {

	private final ArgumentHasher hasher = new ArgumentHasher();

	static Stream<Object[]> equalButDistinctInstances() {
		return Stream.of(new Object[] { 42, Integer.valueOf(42) }, new Object[] { 42L, Long.valueOf(42) },
				new Object[] { 1.5, Double.valueOf(1.5) }, new Object[] { 1.5f, Float.valueOf(1.5f) },
				new Object[] { (short) 3, Short.valueOf((short) 3) }, new Object[] { (byte) 3, Byte.valueOf((byte) 3) },
				new Object[] { 'x', Character.valueOf('x') }, new Object[] { true, Boolean.TRUE },
				new Object[] { "text", new String("text") }, new Object[] { TimeUnit.SECONDS, TimeUnit.SECONDS },
				new Object[] { new BigDecimal("1.50"), new BigDecimal("1.50") },
				new Object[] { new BigInteger("123456789012345678901234567890"),
						new BigInteger("123456789012345678901234567890") },
				new Object[] { LocalDate.of(2026, 11, 25), LocalDate.parse("2026-11-25") },
				new Object[] { Instant.ofEpochSecond(1000), Instant.parse("1970-01-01T00:16:40Z") },
				new Object[] { Duration.ofMinutes(2), Duration.ofSeconds(120) },
				new Object[] { ZonedDateTime.of(LocalDateTime.of(2026, 1, 1, 0, 0), ZoneId.of("Europe/Paris")),
						ZonedDateTime.of(LocalDateTime.of(2026, 1, 1, 0, 0), ZoneId.of("Europe/Paris")) },
				new Object[] { UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
						UUID.fromString("123e4567-e89b-12d3-a456-426614174000") },
				new Object[] { Path.of("data/./in.csv"), Path.of("data/in.csv") },
				new Object[] { new File("data/in.csv"), new File("data/in.csv") },
				new Object[] { new double[] { 1, 2, 3 }, new double[] { 1, 2, 3 } },
				new Object[] { new int[] { 1, 2 }, new int[] { 1, 2 } },
				new Object[] { new String[] { "a", null }, new String[] { "a", null } },
				new Object[] { List.of(1, 2, 3), new ArrayList<>(List.of(1, 2, 3)) },
				new Object[] { Optional.of("x"), Optional.of("x") },
				new Object[] { new Point(1, 2), new Point(1, 2) },
				new Object[] { new Bean("ada", 36), new Bean("ada", 36) });
	}

	@ParameterizedTest
	@MethodSource("equalButDistinctInstances")
	void equalValuesHashEqually(Object one, Object other) {
		assertThat(this.hasher.hashValue(one)).isEqualTo(this.hasher.hashValue(other));
	}

	static Stream<Object[]> differentValues() {
		return Stream.of(new Object[] { 1, 2 }, new Object[] { 1, 1L }, new Object[] { 0.0, -0.0 },
				new Object[] { "a", 'a' }, new Object[] { new BigDecimal("1.0"), new BigDecimal("1.00") },
				new Object[] { TimeUnit.SECONDS, TimeUnit.MINUTES }, new Object[] { List.of(1, 2), List.of(2, 1) },
				new Object[] { new int[] { 1, 2 }, new long[] { 1, 2 } }, new Object[] { Optional.empty(), null },
				new Object[] { new Point(1, 2), new Point(2, 1) }, new Object[] { new Bean("ada", 36), new Bean("ada", 37) },
				new Object[] { List.of("ab", "c"), List.of("a", "bc") }, new Object[] { Set.of(1), List.of(1) },
				new Object[] { LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 2) }, new Object[] { "\uD800", "\uDC00" });
	}

	@ParameterizedTest
	@MethodSource("differentValues")
	void differentValuesHashDifferently(Object one, Object other) {
		assertThat(this.hasher.hashValue(one)).isNotEqualTo(this.hasher.hashValue(other));
	}

	@Test
	void setsAndMapsHashIndependentlyOfIterationOrder() {
		Set<String> forward = new LinkedHashSet<>(List.of("a", "b", "c"));
		Set<String> backward = new LinkedHashSet<>(List.of("c", "b", "a"));
		assertThat(this.hasher.hashValue(forward)).isEqualTo(this.hasher.hashValue(backward))
			.isEqualTo(this.hasher.hashValue(new HashSet<>(forward)));
		Map<String, Integer> inserted = new LinkedHashMap<>();
		inserted.put("z", 1);
		inserted.put("a", 2);
		assertThat(this.hasher.hashValue(inserted)).isEqualTo(this.hasher.hashValue(new TreeMap<>(inserted)))
			.isEqualTo(this.hasher.hashValue(new HashMap<>(Map.of("a", 2, "z", 1))));
	}

	@Test
	void mapsWithSwappedValuesHashDifferently() {
		assertThat(this.hasher.hashValue(Map.of("a", 1, "b", 2))).isNotEqualTo(this.hasher.hashValue(Map.of("a", 2, "b", 1)));
	}

	@Test
	void keysAreStableAcrossJvmRuns() {
		// A fixed digest: if this changes, every stored result of every user becomes a miss.
		// Change it only together with CallKey.LAYOUT_VERSION.
		byte[] digest = this.hasher.hashValue(List.of(1, "two", 3.0, Map.of("k", Set.of(true))));
		assertThat(java.util.HexFormat.of().formatHex(digest)).isEqualTo("5beba33f06ba8ed0e9f00d7d7d752ffa6768a76754d5239605900eccc2570655");
	}

	@Test
	void largePrimitiveArraysHashByContent() {
		double[] large = new double[1_000_003];
		Arrays.setAll(large, (i) -> i * 0.5);
		double[] copy = large.clone();
		assertThat(this.hasher.hashValue(large)).isEqualTo(this.hasher.hashValue(copy));
		copy[1_000_002] = -1;
		assertThat(this.hasher.hashValue(large)).isNotEqualTo(this.hasher.hashValue(copy));
	}

	@Test
	void aValueWithNoCanonicalFormIsAnErrorNamingMethodParameterTypeAndFix() throws Exception {
		Method method = Subjects.class.getMethod("lambda", int.class, IntUnaryOperator.class);
		KeyedParameters parameters = KeyedParameters.of(method);
		IntUnaryOperator operator = (x) -> x + 1;
		assertThatExceptionOfType(CheckpointException.class)
			.isThrownBy(() -> this.hasher.hash(parameters, new Object[] { 1, operator }))
			.withMessageContaining(Subjects.class.getName() + "#lambda")
			.withMessageContaining("argument 1 'operator'")
			.withMessageContaining(operator.getClass().getName())
			.withMessageContaining("@Checkpoint.Ignore");
	}

	@Test
	void resourcesAreRefused() {
		assertThatExceptionOfType(UnhashableValueException.class)
			.isThrownBy(() -> this.hasher.hashValue(new ByteArrayInputStream(new byte[0])))
			.withMessageContaining("resource");
		assertThatExceptionOfType(UnhashableValueException.class)
			.isThrownBy(() -> this.hasher.hashValue(List.of(Stream.of(1))))
			.withMessageContaining("stream");
	}

	@Test
	void aListThatContainsItselfHashesByItsShapeNotOverflowed() {
		List<Object> cyclic = new ArrayList<>();
		cyclic.add(cyclic);
		List<Object> sameShape = new ArrayList<>();
		sameShape.add(sameShape);
		List<Object> twice = new ArrayList<>();
		twice.add(twice);
		twice.add(twice);
		assertThat(this.hasher.hashValue(cyclic)).isEqualTo(this.hasher.hashValue(sameShape))
			.isNotEqualTo(this.hasher.hashValue(twice))
			.isNotEqualTo(this.hasher.hashValue(List.of(List.of())));
	}

	@Test
	void objectsWithEqualGettersAndDifferentPrivateFieldsHashDifferently() {
		assertThat(this.hasher.hashValue(new Model("ada", 1))).isNotEqualTo(this.hasher.hashValue(new Model("ada", 2)))
			.isEqualTo(this.hasher.hashValue(new Model("ada", 1)));
	}

	@Test
	void privateFieldsOfSuperclassesCountAndTransientFieldsDoNot() {
		assertThat(this.hasher.hashValue(new TunedModel("ada", 1, 0.5)))
			.isNotEqualTo(this.hasher.hashValue(new TunedModel("ada", 2, 0.5)))
			.isNotEqualTo(this.hasher.hashValue(new TunedModel("ada", 1, 0.6)));
		TunedModel cached = new TunedModel("ada", 1, 0.5);
		cached.lastScore = 99;
		assertThat(this.hasher.hashValue(cached)).isEqualTo(this.hasher.hashValue(new TunedModel("ada", 1, 0.5)));
	}

	@Test
	void objectGraphsWithCyclesHashByShapeAndValues() {
		assertThat(this.hasher.hashValue(Node.pair("a", "b"))).isEqualTo(this.hasher.hashValue(Node.pair("a", "b")))
			.isNotEqualTo(this.hasher.hashValue(Node.pair("a", "c")));
		Node alone = new Node("a");
		alone.next = alone;
		assertThat(this.hasher.hashValue(alone)).isNotEqualTo(this.hasher.hashValue(Node.pair("a", "a")));
	}

	@Test
	void aProxyArgumentIsRefused() {
		Runnable proxy = (Runnable) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { Runnable.class }, (target, method, arguments) -> null);
		assertThatExceptionOfType(UnhashableValueException.class).isThrownBy(() -> this.hasher.hashValue(proxy))
			.withMessageContaining("proxy");
	}

	@Test
	void aValueSharedTwiceIsNotACycle() {
		List<Integer> shared = List.of(1, 2);
		assertThat(this.hasher.hashValue(List.of(shared, shared))).isEqualTo(this.hasher.hashValue(List.of(List.of(1, 2), List.of(1, 2))));
	}

	@Test
	void ignoredParametersAreNotKeyed() throws Exception {
		Method method = Subjects.class.getMethod("withProgress", String.class, Object.class);
		KeyedParameters parameters = KeyedParameters.of(method);
		assertThat(parameters.parameters()).extracting(KeyedParameters.KeyedParameter::name).containsExactly("name");
		assertThat(this.hasher.hash(parameters, new Object[] { "a", new Object() })).hasNumberOfRows(1);
	}

	record Point(int x, int y) {
	}

	public static final class Bean {

		private final String name;

		private final int age;

		Bean(String name, int age) {
			this.name = name;
			this.age = age;
		}

		public String getName() {
			return this.name;
		}

		public int getAge() {
			return this.age;
		}

	}

	/** Its getter shows the name only: the weight is hidden state that changes results. */
	static class Model {

		private final String name;

		private final int weight;

		Model(String name, int weight) {
			this.name = name;
			this.weight = weight;
		}

		public String getName() {
			return this.name;
		}

	}

	static final class TunedModel extends Model {

		private final double rate;

		transient int lastScore;

		TunedModel(String name, int weight, double rate) {
			super(name, weight);
			this.rate = rate;
		}

	}

	static final class Node {

		private final String label;

		private Node next;

		Node(String label) {
			this.label = label;
		}

		/** Two nodes pointing at each other. */
		static Node pair(String first, String second) {
			Node one = new Node(first);
			Node two = new Node(second);
			one.next = two;
			two.next = one;
			return one;
		}

	}

	public static final class Subjects {

		public int lambda(int value, IntUnaryOperator operator) {
			return operator.applyAsInt(value);
		}

		public String withProgress(String name, @Checkpoint.Ignore Object progress) {
			return name;
		}

	}

}
