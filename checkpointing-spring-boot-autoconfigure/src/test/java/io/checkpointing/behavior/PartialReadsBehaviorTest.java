package io.checkpointing.behavior;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.checkpointing.behavior.ProgramVersion.calc;

/**
 * The behavior cases of item 8, reads of part of a value: a record held in a field of the bean,
 * of which the checkpointed method reads one component through its accessor. A change to a
 * component it never reads hits; the same change reruns when the accessor itself reads it.
 */
class PartialReadsBehaviorTest {

	@TempDir
	Path workspace;

	/** The bean's settings, built from two properties; {@code %s} is the body of the record. */
	private static final String READS_RATE = """
			public record Settings(int rate, String label) {
			%s
			}

			private final Settings settings;

			public Calc(@Value("${calc.rate}") int rate, @Value("${calc.label}") String label) {
				this.settings = new Settings(rate, label);
			}

			@Checkpoint
			public int foo(int a) {
				System.out.println("Running");
				return a * this.settings.rate();
			}
			""";

	/** The same call site, but the accessor is overridden and reads the other component too. */
	private static final String RATE_USES_LABEL = """
				@Override
				public int rate() {
					return this.rate * this.label.length();
				}
			""";

	@Test
	void aComponentOfAFieldsRecordTheReachedCodeNeverReadsChangedHits() throws Exception {
		ProgramVersion program = calc(READS_RATE.formatted(""), "calc.foo(3)");
		BehaviorCase.from(program.withArguments("--calc.rate=2", "--calc.label=a"))
			.to(program.withArguments("--calc.rate=2", "--calc.label=bb"))
			.hits(this.workspace, "result: 6");
	}

	@Test
	void aComponentReadByAnOverriddenAccessorChangedReruns() throws Exception {
		ProgramVersion program = calc(READS_RATE.formatted(RATE_USES_LABEL), "calc.foo(3)");
		BehaviorCase.from(program.withArguments("--calc.rate=2", "--calc.label=a"))
			.to(program.withArguments("--calc.rate=2", "--calc.label=bb"))
			.reruns(this.workspace, "result: 12");
	}

}
