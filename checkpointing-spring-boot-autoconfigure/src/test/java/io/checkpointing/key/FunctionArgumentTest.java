package io.checkpointing.key;

import java.util.List;
import java.util.function.IntUnaryOperator;

import io.checkpointing.CheckpointException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Lambdas and method references count by the code they run and the values they captured. */
class FunctionArgumentTest {

	private final ArgumentHasher hasher = new ArgumentHasher(
			new CodeFingerprinter(CodeScope.transitive(List.of("io.checkpointing.key"))));

	@Test
	void theSameLambdaWithEqualCapturedValuesHashesEqually() {
		assertThat(this.hasher.hashValue(Functions.times(2))).isEqualTo(this.hasher.hashValue(Functions.times(2)));
	}

	@Test
	void aDifferentCapturedValueHashesDifferently() {
		assertThat(this.hasher.hashValue(Functions.times(2))).isNotEqualTo(this.hasher.hashValue(Functions.times(3)));
	}

	@Test
	void aStaticMethodReferenceCountsByTheMethodsCode() {
		assertThat(this.hasher.hashValue(Functions.squarer())).isEqualTo(this.hasher.hashValue(Functions.squarer()))
			.isNotEqualTo(this.hasher.hashValue(Functions.times(2)));
	}

	@Test
	void aBoundMethodReferenceCountsByTheFieldsItsMethodReadsOnItsObject() {
		assertThat(this.hasher.hashValue(Functions.scaleBy(new Scale(2, "a"))))
			.isEqualTo(this.hasher.hashValue(Functions.scaleBy(new Scale(2, "b"))))
			.isNotEqualTo(this.hasher.hashValue(Functions.scaleBy(new Scale(3, "a"))));
	}

	@Test
	void functionsInsideValuesCountToo() {
		assertThat(this.hasher.hashValue(List.of(Functions.times(2)))).isNotEqualTo(this.hasher.hashValue(List.of(Functions.times(3))));
	}

	@Test
	void twoLambdasOfOneShapeInOneClassNeverShareAKey() {
		// Which of the two sites made a hidden class cannot be told: each is keyed on its own.
		assertThat(this.hasher.hashValue(TwoOfAShape.doubler())).isNotEqualTo(this.hasher.hashValue(TwoOfAShape.tripler()))
			.isEqualTo(this.hasher.hashValue(TwoOfAShape.doubler()));
	}

	@Test
	void anUnboundReferenceToAnOverridableMethodIsRefused() {
		java.util.function.ToIntFunction<Scale> reference = Scale::apply;
		assertThatExceptionOfType(UnhashableValueException.class).isThrownBy(() -> this.hasher.hashValue(reference))
			.withMessageContaining("depends on the object");
	}

	@Test
	void withoutAFingerprinterFunctionsAreRefusedNamingTheParameter() throws Exception {
		KeyedParameters parameters = KeyedParameters.of(Functions.class.getMethod("apply", int.class, IntUnaryOperator.class));
		assertThatExceptionOfType(CheckpointException.class)
			.isThrownBy(() -> new ArgumentHasher().hash(parameters, new Object[] { 1, Functions.times(2) }))
			.withMessageContaining("argument 1 'operator'");
	}

	static final class Functions {

		static IntUnaryOperator times(int factor) {
			return (x) -> x * factor;
		}

		static IntUnaryOperator squarer() {
			return Functions::square;
		}

		static int square(int x) {
			return x * x;
		}

		static IntUnaryOperator scaleBy(Scale scale) {
			return scale::times;
		}

		public int apply(int value, IntUnaryOperator operator) {
			return operator.applyAsInt(value);
		}

	}

	static final class TwoOfAShape {

		static IntUnaryOperator doubler() {
			return (x) -> x * 2;
		}

		static IntUnaryOperator tripler() {
			return (x) -> x * 3;
		}

	}

	static class Scale {

		private final int factor;

		private final String label;

		Scale(int factor, String label) {
			this.factor = factor;
			this.label = label;
		}

		int times(int x) {
			return x * this.factor;
		}

		int apply() {
			return this.factor;
		}

	}

}
