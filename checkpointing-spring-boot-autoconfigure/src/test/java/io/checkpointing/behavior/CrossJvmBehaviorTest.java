package io.checkpointing.behavior;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.checkpointing.behavior.CodeChangeBehaviorTest.CALLS_HELPER;
import static io.checkpointing.behavior.CodeChangeBehaviorTest.FOO;
import static io.checkpointing.behavior.CodeChangeBehaviorTest.READS_OFFSET;
import static io.checkpointing.behavior.CodeChangeBehaviorTest.withScaler;
import static io.checkpointing.behavior.ProgramVersion.calc;

/**
 * The proof that what the behavior suite checks in one JVM holds across processes: a few of its
 * cases ({@link CodeChangeBehaviorTest}), each version run in a fresh JVM: a hit, a rerun for
 * changed logic, a rerun for a changed helper in another class, and a rerun for a changed
 * configuration value, and a hit of a bean reading through a repository whose proxies were
 * created in another order.
 */
@Tag("process")
class CrossJvmBehaviorTest {

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
		BehaviorCase.from(withScaler(CALLS_HELPER, "return a * 10;"))
			.to(withScaler(CALLS_HELPER, "return a * 100;"))
			.inSeparateJvms()
			.reruns(this.workspace, "result: 102");
	}

	@Test
	void aChangedValuePropertyReruns() throws Exception {
		BehaviorCase.from(calc(READS_OFFSET, "calc.foo(0)").withArguments("--calc.offset=0"))
			.to(calc(READS_OFFSET, "calc.foo(0)").withArguments("--calc.offset=1"))
			.inSeparateJvms()
			.reruns(this.workspace, "result: 1");
	}

	@Test
	void aRepositoryAndAnEntityManagerCreatedInAnotherOrderHit() throws Exception {
		BehaviorCase.from(RepositoryProgram.of(RepositoryKeysBehaviorTest.COUNTS_VETS, "report.count(1)", Map.of()))
			.to(RepositoryProgram.of(RepositoryKeysBehaviorTest.COUNTS_VETS, "report.count(1)",
					Map.of("Early", RepositoryKeysBehaviorTest.EARLY)))
			.inSeparateJvms()
			.hits(this.workspace, "result: 1 2");
	}

}
