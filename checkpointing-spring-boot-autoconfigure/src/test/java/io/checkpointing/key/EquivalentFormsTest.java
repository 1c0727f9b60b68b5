package io.checkpointing.key;

import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Source forms javac compiles differently but that compute the same thing fingerprint alike;
 * each has a twin that looks similar but computes something else, and fingerprints differently.
 */
class EquivalentFormsTest {

	private final CodeFingerprinter fingerprinter = new CodeFingerprinter(CodeScope.methodOnly());

	@Test
	void aCompoundAssignmentToALocalIsItsLongForm() throws Exception {
		assertThat(fingerprint("localCompound")).isEqualTo(fingerprint("localLong"));
		assertThat(fingerprint("localCompound")).isNotEqualTo(fingerprint("localSubtracts"));
		assertThat(fingerprint("localCompound")).isNotEqualTo(fingerprint("localFromAnother"));
	}

	@Test
	void aCompoundAssignmentToAFieldIsItsLongForm() throws Exception {
		assertThat(fingerprint("fieldCompound")).isEqualTo(fingerprint("fieldLong"));
		assertThat(fingerprint("fieldCompound")).isNotEqualTo(fingerprint("fieldFromAnotherObject"));
	}

	@Test
	void aCompoundAssignmentToAnArrayElementIsItsLongForm() throws Exception {
		assertThat(fingerprint("elementCompound")).isEqualTo(fingerprint("elementLong"));
		assertThat(fingerprint("elementCompound")).isNotEqualTo(fingerprint("elementFromAnotherIndex"));
	}

	@Test
	void aLocalUsedOnceRightAfterItIsSetIsTheExpressionItHolds() throws Exception {
		assertThat(fingerprint("extracted")).isEqualTo(fingerprint("inlined"));
		assertThat(fingerprint("extracted")).isNotEqualTo(fingerprint("extractedThenChanged"));
		assertThat(fingerprint("twoLocals")).isEqualTo(fingerprint("oneLocal"));
	}

	@Test
	void parametersOfDifferentTypesSwappedFingerprintAlike() throws Exception {
		Method declared = Swaps.class.getMethod("mix", int.class, String.class);
		Method swapped = Swaps.class.getMethod("mix", String.class, int.class);
		assertThat(this.fingerprinter.codeOf(declared).fingerprint()).isEqualTo(this.fingerprinter.codeOf(swapped).fingerprint());
	}

	@Test
	void parametersOfOneTypeSwappedFingerprintAlikeAndTakeTheirArgumentsInOrderOfUse() throws Exception {
		Method declared = SameTypes.class.getMethod("minus", int.class, long.class, int.class);
		Method swapped = SameTypesSwapped.class.getMethod("minus", int.class, long.class, int.class);
		MethodCode declaredCode = this.fingerprinter.codeOf(declared);
		MethodCode swappedCode = this.fingerprinter.codeOf(swapped);
		assertThat(declaredCode.fingerprint()).isEqualTo(swappedCode.fingerprint());
		byte[] five = { 5 };
		byte[] zero = { 0 };
		byte[] three = { 3 };
		// minus(5, 0, 3) before is 5 - 3; after, the same call is 3 - 5 and minus(3, 0, 5) is 5 - 3.
		byte[][] before = declaredCode.inParameterOrder(KeyedParameters.of(declared), new byte[][] { five, zero, three });
		byte[][] sameCallAfter = swappedCode.inParameterOrder(KeyedParameters.of(swapped),
				new byte[][] { five, zero, three });
		byte[][] swappedCallAfter = swappedCode.inParameterOrder(KeyedParameters.of(swapped),
				new byte[][] { three, zero, five });
		assertThat(sameCallAfter).isNotEqualTo(before);
		assertThat(swappedCallAfter).isEqualTo(before);
	}

	@Test
	void aSubtractionTurnedAroundIsKeyedApartFromTheOriginalCall() throws Exception {
		Method original = SameTypes.class.getMethod("minus", int.class, long.class, int.class);
		Method turned = TurnedAround.class.getMethod("minus", int.class, long.class, int.class);
		byte[] five = { 5 };
		byte[] zero = { 0 };
		byte[] three = { 3 };
		byte[][] before = this.fingerprinter.codeOf(original)
			.inParameterOrder(KeyedParameters.of(original), new byte[][] { five, zero, three });
		byte[][] after = this.fingerprinter.codeOf(turned)
			.inParameterOrder(KeyedParameters.of(turned), new byte[][] { five, zero, three });
		assertThat(after).isNotEqualTo(before);
	}

	@Test
	void argumentsAreKeyedInTheParametersOrder() throws Exception {
		Method swapped = Swaps.class.getMethod("mix", String.class, int.class);
		MethodCode code = this.fingerprinter.codeOf(swapped);
		byte[] text = { 1 };
		byte[] number = { 2 };
		byte[][] ordered = code.inParameterOrder(KeyedParameters.of(swapped), new byte[][] { text, number });
		assertThat(ordered[0]).isSameAs(number);
		assertThat(ordered[1]).isSameAs(text);
	}

	private byte[] fingerprint(String name) throws NoSuchMethodException {
		for (Method method : Subjects.class.getMethods()) {
			if (method.getName().equals(name)) {
				return this.fingerprinter.codeOf(method).fingerprint();
			}
		}
		throw new NoSuchMethodException(name);
	}

	public static class Subjects {

		int total;

		int[] counts = new int[4];

		public int localCompound(int x, int y) {
			x += 3;
			return x;
		}

		public int localLong(int x, int y) {
			x = x + 3;
			return x;
		}

		public int localSubtracts(int x, int y) {
			x = x - 3;
			return x;
		}

		public int localFromAnother(int x, int y) {
			x = y + 3;
			return x;
		}

		public void fieldCompound(Subjects other) {
			this.total += 2;
		}

		public void fieldLong(Subjects other) {
			this.total = this.total + 2;
		}

		public void fieldFromAnotherObject(Subjects other) {
			this.total = other.total + 2;
		}

		public void elementCompound(int i, int j) {
			this.counts[i] += 2;
		}

		public void elementLong(int i, int j) {
			this.counts[i] = this.counts[i] + 2;
		}

		public void elementFromAnotherIndex(int i, int j) {
			this.counts[i] = this.counts[j] + 2;
		}

		public int extracted(int a) {
			int doubled = a * 2;
			return doubled + 1;
		}

		public int inlined(int a) {
			return a * 2 + 1;
		}

		public int extractedThenChanged(int a) {
			int doubled = a * 2;
			a = 5;
			return doubled + a;
		}

		public int twoLocals(int a) {
			int doubled = a * 2;
			int next = doubled + 1;
			long wide = next * 3L;
			return (int) wide;
		}

		public int oneLocal(int a) {
			int next = a * 2 + 1;
			long wide = next * 3L;
			return (int) wide;
		}

	}

	public static class Swaps {

		public int mix(int a, String b) {
			return a + b.length();
		}

		public int mix(String b, int a) {
			return a + b.length();
		}

	}

	public static class SameTypes {

		public long minus(int a, long unused, int b) {
			return a - b;
		}

	}

	public static class SameTypesSwapped {

		public long minus(int b, long unused, int a) {
			return a - b;
		}

	}

	public static class TurnedAround {

		public long minus(int a, long unused, int b) {
			return b - a;
		}

	}

}
