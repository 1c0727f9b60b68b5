package io.checkpointing.key;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the walk reports besides the fingerprint: every field the reached code reads, by
 * declaring class, and every call it makes to code it does not follow, with its place and its
 * constant arguments.
 */
class ReachedReadsAndCallsTest {

	private final CodeFingerprinter fingerprinter = new CodeFingerprinter(
			CodeScope.transitive(List.of("io.checkpointing.key")));

	@Test
	void fieldReadsOfAllReachedCodeAreGroupedByDeclaringClass() throws Exception {
		MethodCode code = codeOf("readsThroughAHelper", Settings.class);
		assertThat(names(code.fieldReadsOf(Settings.class))).containsExactlyInAnyOrder("rate", "name");
		assertThat(names(code.fieldReadsOf(Subjects.class))).containsExactlyInAnyOrder("offset", "LIMIT");
		assertThat(names(code.fieldReadsOf(Unread.class))).isEmpty();
		assertThat(code.reachedFieldReads()).containsKey(System.class);
	}

	@Test
	void aFieldWrittenButNeverReadIsNoRead() throws Exception {
		MethodCode code = codeOf("writesOnly", Settings.class);
		assertThat(code.fieldReadsOf(Settings.class)).isEmpty();
	}

	@Test
	void callsOutsideTheWalkNameTheirConstantArgumentsClassAndLine() throws Exception {
		MethodCode code = codeOf("readsTheEnvironment");
		OutsideCall getenv = only(code, "java.lang.System", "getenv");
		assertThat(getenv.descriptor()).isEqualTo("(Ljava/lang/String;)Ljava/lang/String;");
		assertThat(getenv.firstConstantArgument()).isEqualTo("CHECKPOINT_TEST_NAME");
		assertThat(getenv.callingClass()).isEqualTo("io/checkpointing/key/ReachedReadsAndCallsTest$Subjects");
		assertThat(only(code, "java.lang.System", "getProperty").constantArguments()).containsExactly("user.name",
				"nobody");
	}

	@Test
	void aCallIsPlacedOnItsSourceLine() throws Exception {
		OutsideCall getenv = only(codeOf("lineOfACall"), "java.lang.System", "getenv");
		assertThat(getenv.line()).isEqualTo(new Subjects().lineOfACall()[0]);
	}

	@Test
	void anArgumentThatIsNotAConstantHasNone() throws Exception {
		MethodCode code = codeOf("readsAComputedName", boolean.class);
		List<OutsideCall> getenvs = code.outsideCalls().stream().filter((call) -> call.calls("java.lang.System", "getenv")).toList();
		assertThat(getenvs).hasSize(2).allSatisfy((call) -> assertThat(call.firstConstantArgument()).isNull());
	}

	@Test
	void callsMadeByReachedHelpersAreReportedFromTheirClass() throws Exception {
		MethodCode code = codeOf("callsAHelperThatReadsTheClock");
		OutsideCall clock = only(code, "java.lang.System", "currentTimeMillis");
		assertThat(clock.callingClass()).isEqualTo("io/checkpointing/key/ReachedReadsAndCallsTest$Clocks");
		assertThat(code.outsideCalls()).noneMatch((call) -> call.name().equals("millis"));
	}

	@Test
	void aMethodReferenceToTheJdkIsAnOutsideCall() throws Exception {
		MethodCode code = codeOf("referencesTheJdk");
		assertThat(only(code, "java.lang.Integer", "parseInt").constantArguments()).isEmpty();
	}

	private MethodCode codeOf(String name, Class<?>... parameters) throws NoSuchMethodException {
		Method method = Subjects.class.getMethod(name, parameters);
		return this.fingerprinter.codeOf(method);
	}

	private static OutsideCall only(MethodCode code, String owner, String name) {
		List<OutsideCall> calls = code.outsideCalls().stream().filter((call) -> call.calls(owner, name)).toList();
		assertThat(calls).as(owner + "." + name + " in " + code.outsideCalls()).hasSize(1);
		return calls.get(0);
	}

	private static List<String> names(java.util.Collection<Field> fields) {
		return fields.stream().map(Field::getName).toList();
	}

	public static class Settings {

		int rate = 2;

		String name = "n";

		int unread = 3;

	}

	public static class Unread {

		int value;

	}

	public static class Clocks {

		static long millis() {
			return System.currentTimeMillis();
		}

	}

	public static class Subjects {

		static int LIMIT = 5;

		int offset = 1;

		public int readsThroughAHelper(Settings settings) {
			System.out.flush();
			return settings.rate + this.offset + helper(settings);
		}

		int helper(Settings settings) {
			return settings.name.length() + LIMIT;
		}

		public void writesOnly(Settings settings) {
			settings.rate = 4;
		}

		public String readsTheEnvironment() {
			return System.getenv("CHECKPOINT_TEST_NAME") + System.getProperty("user.name", "nobody");
		}

		public int[] lineOfACall() {
			return new int[] { new Throwable().getStackTrace()[0].getLineNumber(), String.valueOf(System.getenv("X")).length() };
		}

		public String readsAComputedName(boolean flag) {
			String prefix = Arrays.toString(new int[0]);
			String computed = System.getenv(prefix + "NAME");
			return computed + System.getenv(flag ? "A" : "B");
		}

		public long callsAHelperThatReadsTheClock() {
			return Clocks.millis();
		}

		public int referencesTheJdk() {
			java.util.function.ToIntFunction<String> parse = Integer::parseInt;
			return parse.applyAsInt("1");
		}

	}

}
