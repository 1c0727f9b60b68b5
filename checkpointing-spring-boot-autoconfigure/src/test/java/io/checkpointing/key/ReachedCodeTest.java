package io.checkpointing.key;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntUnaryOperator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which code the walk reaches beyond plain method calls: constructors and initializers, the
 * methods of objects created and handed to code it cannot see, interface default methods.
 */
class ReachedCodeTest {

	private final CodeFingerprinter fingerprinter = new CodeFingerprinter(
			CodeScope.transitive(List.of("io.checkpointing.key")));

	@Test
	void aConstructorCalledIsReached() throws Exception {
		assertThat(reached("buildsAHelper")).contains("Helper#<init>", "Helper#value");
	}

	@Test
	void theStaticInitializerOfAClassWhoseStaticFieldIsReadIsReached() throws Exception {
		assertThat(reached("readsAStaticField")).contains("Rates#<clinit>");
		assertThat(reached("buildsAHelper")).doesNotContain("Rates#<clinit>");
	}

	@Test
	void everyMethodOfAnAnonymousClassCreatedIsReached() throws Exception {
		assertThat(reached("sortsWithAnAnonymousComparator")).contains("ReachedCodeTest$Subjects$1#compare");
	}

	@Test
	void everyMethodOfAnInnerClassCreatedIsReached() throws Exception {
		assertThat(reached("createsAnInnerClass")).contains("Inner#applyAsInt", "Inner#unusedByName");
	}

	@Test
	void onlyMethodsOutsideCodeCanCallAreReachedOnOtherClassesCreated() throws Exception {
		assertThat(reached("concatenatesALabel")).contains("Label#toString").doesNotContain("Label#unused");
	}

	@Test
	void anInheritedInterfaceDefaultMethodIsReached() throws Exception {
		assertThat(reached("callsADefaultMethod")).contains("Greeter#bonus");
	}

	@Test
	void everyImplementationOfAnAbstractMethodCalledByATemplateMethodIsReached() throws Exception {
		assertThat(reached("runsATemplateMethod")).contains("Template#total", "Doubling#base");
	}

	private List<String> reached(String name) throws NoSuchMethodException {
		return new ArrayList<>(this.fingerprinter.codeOf(Subjects.class.getMethod(name, int.class)).reachedCode().keySet());
	}

	public static class Helper {

		private final int value;

		public Helper(int a) {
			this.value = a * 2;
		}

		public int value() {
			return this.value;
		}

	}

	public static class Rates {

		static final IntUnaryOperator RATE;

		static {
			RATE = (x) -> x * 2;
		}

	}

	public static class Label {

		private final int value;

		public Label(int value) {
			this.value = value;
		}

		public int unused() {
			return 0;
		}

		@Override
		public String toString() {
			return "#" + this.value;
		}

	}

	public interface Greeter {

		default int bonus(int a) {
			return a + 1;
		}

	}

	public static class PlainGreeter implements Greeter {

	}

	public abstract static class Template {

		public int total(int a) {
			return base(a) + 1;
		}

		protected abstract int base(int a);

	}

	public static class Doubling extends Template {

		@Override
		protected int base(int a) {
			return a * 2;
		}

	}

	public static class Subjects {

		public int buildsAHelper(int a) {
			return new Helper(a).value();
		}

		public int readsAStaticField(int a) {
			return Rates.RATE.applyAsInt(a);
		}

		public int sortsWithAnAnonymousComparator(int a) {
			List<Integer> values = new ArrayList<>(List.of(a, 1));
			values.sort(new Comparator<Integer>() {
				@Override
				public int compare(Integer left, Integer right) {
					return Integer.compare(left, right);
				}
			});
			return values.get(0);
		}

		public int createsAnInnerClass(int a) {
			return IntUnaryOperator.identity().andThen(new Inner()).applyAsInt(a);
		}

		public int concatenatesALabel(int a) {
			return ("label " + new Label(a)).length();
		}

		public int callsADefaultMethod(int a) {
			return new PlainGreeter().bonus(a);
		}

		public int runsATemplateMethod(int a) {
			Template template = new Doubling();
			return template.total(a);
		}

		class Inner implements IntUnaryOperator {

			@Override
			public int applyAsInt(int operand) {
				return operand * 3;
			}

			int unusedByName() {
				return 1;
			}

		}

	}

}
