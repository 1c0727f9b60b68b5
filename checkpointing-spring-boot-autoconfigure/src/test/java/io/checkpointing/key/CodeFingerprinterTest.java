package io.checkpointing.key;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.checkpointing.CheckpointException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CodeFingerprinterTest {

	private final CodeFingerprinter fingerprinter = new CodeFingerprinter(CodeScope.methodOnly());

	@Test
	void sameBodiesUnderDifferentNamesFingerprintAlike() throws Exception {
		assertThat(fingerprint("addOne")).isEqualTo(fingerprint("plusOne"));
	}

	@Test
	void differentConstantsFingerprintDifferently() throws Exception {
		assertThat(fingerprint("addOne")).isNotEqualTo(fingerprint("addTwo"));
	}

	@Test
	void lambdasAreFoldedInByTheirBodies() throws Exception {
		assertThat(fingerprint("doubled")).isEqualTo(fingerprint("twice"));
		assertThat(fingerprint("doubled")).isNotEqualTo(fingerprint("tripled"));
	}

	@Test
	void recordsTheOwnFieldsAMethodReadsInReadingOrder() throws Exception {
		MethodCode code = this.fingerprinter.codeOf(Subjects.class.getMethod("offsetThenScale", int.class));
		assertThat(code.fieldsRead()).extracting(java.lang.reflect.Field::getName).containsExactly("offset", "SCALE");
	}

	@Test
	void isMemoizedAndSafeUnderConcurrentFirstCalls() throws Exception {
		Method method = Subjects.class.getMethod("addOne", int.class);
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Callable<MethodCode>> calls = IntStream.range(0, 16)
				.<Callable<MethodCode>>mapToObj((i) -> () -> this.fingerprinter.codeOf(method))
				.toList();
			List<Future<MethodCode>> codes = threads.invokeAll(calls);
			MethodCode first = codes.get(0).get();
			for (Future<MethodCode> code : codes) {
				assertThat(code.get()).isSameAs(first);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void aHiddenClassIsAClearError() throws Throwable {
		byte[] bytes;
		try (var in = Subjects.class.getResourceAsStream("CodeFingerprinterTest$Subjects.class")) {
			bytes = in.readAllBytes();
		}
		Class<?> hidden = MethodHandles.lookup().defineHiddenClass(bytes, true).lookupClass();
		Method method = hidden.getMethod("addOne", int.class);
		assertThatExceptionOfType(CheckpointException.class).isThrownBy(() -> this.fingerprinter.codeOf(method))
			.withMessageContaining("class file is not available")
			.withMessageContaining("hidden or generated");
	}

	@Test
	void aCycleFingerprintsTheSameWhereverItIsEntered() throws Exception {
		CodeScope scope = CodeScope.transitive(List.of("io.checkpointing.key"));
		Method entersAtEven = Subjects.class.getMethod("entersAtEven", int.class);
		Method entersAtOdd = Subjects.class.getMethod("entersAtOdd", int.class);
		byte[] alone = new CodeFingerprinter(scope).codeOf(entersAtEven).fingerprint();
		CodeFingerprinter afterTheOtherEntry = new CodeFingerprinter(scope);
		afterTheOtherEntry.codeOf(entersAtOdd);
		assertThat(afterTheOtherEntry.codeOf(entersAtEven).fingerprint()).isEqualTo(alone);
		assertThat(afterTheOtherEntry.codeOf(entersAtEven).reachedCode()).containsKeys("Subjects#entersAtEven",
				"Subjects#even", "Subjects#odd");
	}

	@Test
	void libraryCallsAreNotFollowed() throws Exception {
		MethodCode code = new CodeFingerprinter(CodeScope.transitive(List.of("io.checkpointing.key")))
			.codeOf(Subjects.class.getMethod("usesLibrary", int.class));
		assertThat(code.reachedCode()).containsOnlyKeys("Subjects#usesLibrary");
	}

	@Test
	void inheritedFieldsTheMethodReadsAreState() throws Exception {
		MethodCode code = this.fingerprinter.codeOf(Derived.class.getMethod("scaled", int.class));
		assertThat(code.fieldsRead()).extracting(java.lang.reflect.Field::getName).containsExactly("factor");
	}

	public static class Base {

		protected int factor = 2;

	}

	public static class Derived extends Base {

		public int scaled(int value) {
			return value * this.factor;
		}

	}

	private byte[] fingerprint(String name) throws NoSuchMethodException {
		return this.fingerprinter.codeOf(Subjects.class.getMethod(name, int.class)).fingerprint();
	}

	public static class Subjects {

		static int SCALE = 3;

		int offset = 1;

		public int addOne(int value) {
			return value + 1;
		}

		public int plusOne(int number) {
			return number + 1;
		}

		public int addTwo(int value) {
			return value + 2;
		}

		public int doubled(int value) {
			java.util.function.IntUnaryOperator operator = (x) -> x * 2;
			return operator.applyAsInt(value);
		}

		public int twice(int value) {
			java.util.function.IntUnaryOperator times = (y) -> y * 2;
			return times.applyAsInt(value);
		}

		public int tripled(int value) {
			java.util.function.IntUnaryOperator operator = (x) -> x * 3;
			return operator.applyAsInt(value);
		}

		public int entersAtEven(int value) {
			return even(value) ? 1 : 0;
		}

		public int entersAtOdd(int value) {
			return odd(value) ? 1 : 0;
		}

		static boolean even(int n) {
			return n == 0 || odd(n - 1);
		}

		static boolean odd(int n) {
			return n != 0 && even(n - 1);
		}

		public int usesLibrary(int value) {
			return Math.max(value, java.util.Objects.hash(value));
		}

		public int offsetThenScale(int value) {
			return (value + this.offset) * SCALE + this.offset;
		}

	}

}
