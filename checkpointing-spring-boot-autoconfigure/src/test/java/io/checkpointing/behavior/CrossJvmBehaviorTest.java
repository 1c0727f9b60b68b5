package io.checkpointing.behavior;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.checkpointing.behavior.ProgramVersion.calc;

/**
 * The proof that what the behavior suite checks in one JVM holds across processes: a few of its
 * cases, each version run in a fresh JVM. A hit, a rerun for changed logic, a rerun for a changed
 * helper in another class, and a rerun for a changed configuration value.
 */
@Tag("process")
class CrossJvmBehaviorTest {

	private static final String FOO = """
			@Checkpoint
			public int foo(int a) {
				System.out.println("Running");
				return a;
			}
			""";

	@TempDir
	Path workspace;

	@Test
	void renamingAParameterHits() throws Exception {
		BehaviorCase.from(calc(FOO, "calc.foo(0)"))
			.to(calc(FOO.replace("int a", "int x").replace("return a", "return x"), "calc.foo(0)"))
			.inSeparateJvms()
			.hits(this.workspace, "result: 0");
	}

	@Test
	void changedLogicReruns() throws Exception {
		BehaviorCase.from(calc(FOO, "calc.foo(0)"))
			.to(calc(FOO.replace("return a;", "return a + 1;"), "calc.foo(0)"))
			.inSeparateJvms()
			.reruns(this.workspace, "result: 1");
	}

	@Test
	void aChangedStaticHelperInAnotherApplicationClassReruns() throws Exception {
		BehaviorCase.from(withScaler("return a * 10;"))
			.to(withScaler("return a * 100;"))
			.inSeparateJvms()
			.reruns(this.workspace, "result: 200");
	}

	@Test
	void aChangedValuePropertyReruns() throws Exception {
		String reads = """
				@Value("${calc.offset}")
				int offset;

				@Checkpoint
				public int foo(int a) {
					System.out.println("Running");
					return a + this.offset;
				}
				""";
		BehaviorCase.from(calc(reads, "calc.foo(0)").withArguments("--calc.offset=0"))
			.to(calc(reads, "calc.foo(0)").withArguments("--calc.offset=1"))
			.inSeparateJvms()
			.reruns(this.workspace, "result: 1");
	}

	private static ProgramVersion withScaler(String scaleBody) {
		ProgramVersion calc = calc("""
				@Checkpoint
				public int foo(int a) {
					System.out.println("Running");
					return Scaler.scale(a);
				}
				""", "calc.foo(2)");
		return ProgramVersion.of(Map.of("Calc", calc.source("Calc"), "Main", calc.source("Main"), "Scaler", """
				package demo;

				public class Scaler {

					public static int scale(int a) {
						%s
					}

				}
				""".formatted(scaleBody)));
	}

}
