package io.checkpointing.key;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A value held in a field that the reached code reads only through plain accessors counts by the
 * components behind them; any other use of it, anywhere in the reached code, counts it whole.
 */
class PartialReadsTest {

	private final CodeFingerprinter fingerprinter = new CodeFingerprinter(CodeScope.transitive(List.of("io.checkpointing.key")));

	private final StateReader reader = new StateReader(new ArgumentHasher());

	@Test
	void aComponentNeverReadDoesNotCount() throws Exception {
		assertThat(key(new ReadsRate(new Rates(2, "a")))).isEqualTo(key(new ReadsRate(new Rates(2, "b"))));
	}

	@Test
	void theComponentReadCounts() throws Exception {
		assertThat(key(new ReadsRate(new Rates(2, "a")))).isNotEqualTo(key(new ReadsRate(new Rates(3, "a"))));
	}

	@Test
	void theWalkNamesTheComponentsBehindTheAccessors() throws Exception {
		MethodCode code = this.fingerprinter.codeOf(ReadsRate.class.getDeclaredMethod("price", int.class));
		assertThat(code.partsRead(ReadsRate.class.getDeclaredField("settings")))
			.containsExactly(Rates.class.getDeclaredField("rate"));
	}

	@Test
	void aGetterOfAFinalConfigurationClassReadsOnlyItsProperty() throws Exception {
		assertThat(key(new ReadsBean(new FinalBean(2, "a")))).isEqualTo(key(new ReadsBean(new FinalBean(2, "b"))))
			.isNotEqualTo(key(new ReadsBean(new FinalBean(3, "a"))));
	}

	@Test
	void aValuePassedToAMethodCountsWhole() throws Exception {
		assertThat(key(new PassesIt(new Rates(2, "a")))).isNotEqualTo(key(new PassesIt(new Rates(2, "b"))));
	}

	@Test
	void aValuePrintedCountsWhole() throws Exception {
		assertThat(key(new PrintsIt(new Rates(2, "a")))).isNotEqualTo(key(new PrintsIt(new Rates(2, "b"))));
	}

	@Test
	void aValueComparedCountsWhole() throws Exception {
		assertThat(key(new ComparesIt(new Rates(2, "a")))).isNotEqualTo(key(new ComparesIt(new Rates(2, "b"))));
	}

	@Test
	void anAccessorWithLogicCountsTheValueWhole() throws Exception {
		assertThat(key(new ReadsTuned(new Tuned(2, 1)))).isNotEqualTo(key(new ReadsTuned(new Tuned(2, 5))));
	}

	@Test
	void anOverridableGetterCountsTheValueWhole() throws Exception {
		assertThat(key(new ReadsOpenBean(new OpenBean(2, "a")))).isNotEqualTo(key(new ReadsOpenBean(new OpenBean(2, "b"))));
	}

	@Test
	void aValueReadOnceThroughAnAccessorAndOnceWholeCountsWhole() throws Exception {
		assertThat(key(new ReadsBothWays(new Rates(2, "a")))).isNotEqualTo(key(new ReadsBothWays(new Rates(2, "b"))));
	}

	@Test
	void aValueCapturedByAMethodReferenceCountsWhole() throws Exception {
		assertThat(key(new CapturesIt(new Rates(2, "a")))).isNotEqualTo(key(new CapturesIt(new Rates(2, "b"))));
	}

	@Test
	void aStaticFieldReadOnlyThroughAnAccessorCountsByThatComponent() throws Exception {
		ReadsStatic.shared = new Rates(2, "a");
		byte[] first = key(new ReadsStatic());
		ReadsStatic.shared = new Rates(2, "b");
		byte[] otherLabel = key(new ReadsStatic());
		ReadsStatic.shared = new Rates(3, "a");
		assertThat(otherLabel).isEqualTo(first).isNotEqualTo(key(new ReadsStatic()));
	}

	@Test
	void aValueChosenByAConditionBeforeItsAccessorCountsWhole() throws Exception {
		assertThat(key(new ChoosesIt(new Rates(2, "a")))).isNotEqualTo(key(new ChoosesIt(new Rates(2, "b"))));
	}

	private byte[] key(Priced target) throws Exception {
		MethodCode code = this.fingerprinter.codeOf(target.getClass().getDeclaredMethod("price", int.class));
		return StateReader.combine(this.reader.hashEach(new StatePaths(code), target));
	}

	record Rates(double rate, String label) {
	}

	record Tuned(double rate, double bonus) {

		@Override
		public double rate() {
			return this.rate + this.bonus;
		}

	}

	static final class FinalBean {

		private final double rate;

		private final String label;

		FinalBean(double rate, String label) {
			this.rate = rate;
			this.label = label;
		}

		public double getRate() {
			return this.rate;
		}

		@Override
		public String toString() {
			return this.label;
		}

	}

	static class OpenBean {

		private final double rate;

		private final String label;

		OpenBean(double rate, String label) {
			this.rate = rate;
			this.label = label;
		}

		public double getRate() {
			return this.rate;
		}

		@Override
		public String toString() {
			return this.label;
		}

	}

	interface Priced {

	}

	record ReadsRate(Rates settings) implements Priced {

		double price(int n) {
			return n * this.settings.rate();
		}

	}

	record ReadsBean(FinalBean settings) implements Priced {

		double price(int n) {
			return n * this.settings.getRate();
		}

	}

	record ReadsOpenBean(OpenBean settings) implements Priced {

		double price(int n) {
			return n * this.settings.getRate();
		}

	}

	record ReadsTuned(Tuned settings) implements Priced {

		double price(int n) {
			return n * this.settings.rate();
		}

	}

	record PassesIt(Rates settings) implements Priced {

		double price(int n) {
			return n * rateOf(this.settings);
		}

		private static double rateOf(Rates rates) {
			return rates.rate();
		}

	}

	record PrintsIt(Rates settings) implements Priced {

		double price(int n) {
			return n * this.settings.toString().length();
		}

	}

	record ComparesIt(Rates settings) implements Priced {

		double price(int n) {
			return this.settings.equals(new Rates(2, "a")) ? n : 2 * n;
		}

	}

	record ReadsBothWays(Rates settings) implements Priced {

		double price(int n) {
			return n * this.settings.rate() + PassesIt.rateOf(this.settings);
		}

	}

	record ReadsStatic() implements Priced {

		static Rates shared = new Rates(2, "a");

		double price(int n) {
			return n * shared.rate();
		}

	}

	record ChoosesIt(Rates settings) implements Priced {

		private static final Rates NONE = new Rates(0, "none");

		double price(int n) {
			return n * ((n > 0) ? this.settings : NONE).rate();
		}

	}

	record CapturesIt(Rates settings) implements Priced {

		double price(int n) {
			java.util.function.DoubleSupplier rate = this.settings::rate;
			return n * rate.getAsDouble();
		}

	}

}
