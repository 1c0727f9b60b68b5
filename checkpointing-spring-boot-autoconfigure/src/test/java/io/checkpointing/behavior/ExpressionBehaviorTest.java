package io.checkpointing.behavior;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.checkpointing.behavior.ProgramVersion.calc;

/**
 * The behavior cases of {@code @Checkpoint.Key} and {@code condition}: version 1 runs, then version
 * 2 against the same store, and must hit or rerun. A hit is never stale: a key expression counts
 * by its text too, so an edited expression that derives an equal value still reruns.
 */
class ExpressionBehaviorTest {

	private static String keyedByLength(String expression) {
		return """
				@Checkpoint
				public String foo(@Checkpoint.Key("%s") String word) {
					System.out.println("Running");
					return "length " + word.length();
				}
				""".formatted(expression);
	}

	@TempDir
	Path workspace;

	@Test
	void anArgumentThatDerivesTheSameKeyValueHits() throws Exception {
		BehaviorCase.from(calc(keyedByLength("length()"), "calc.foo(\"abc\")"))
			.to(calc(keyedByLength("length()"), "calc.foo(\"xyz\")"))
			.hits(this.workspace, "result: length 3");
	}

	@Test
	void anArgumentThatDerivesAnotherKeyValueReruns() throws Exception {
		BehaviorCase.from(calc(keyedByLength("length()"), "calc.foo(\"abc\")"))
			.to(calc(keyedByLength("length()"), "calc.foo(\"abcd\")"))
			.reruns(this.workspace, "result: length 4");
	}

	@Test
	void anEditedKeyExpressionRerunsEvenWhenItDerivesAnEqualValue() throws Exception {
		BehaviorCase.from(calc(keyedByLength("length()"), "calc.foo(\"abc\")"))
			.to(calc(keyedByLength("length() + 0"), "calc.foo(\"abc\")"))
			.reruns(this.workspace, "result: length 3");
	}

	@Test
	void aCallTheConditionKeptFromTheStoreIsNotStoredForTheNextVersion() throws Exception {
		String foo = """
				@Checkpoint(condition = "%s")
				public int foo(int a) {
					System.out.println("Running");
					return a;
				}
				""";
		BehaviorCase.from(calc(foo.formatted("#a0 > 5"), "calc.foo(3)"))
			.to(calc(foo.formatted("#a0 > 0"), "calc.foo(3)"))
			.reruns(this.workspace, "result: 3");
	}

}
