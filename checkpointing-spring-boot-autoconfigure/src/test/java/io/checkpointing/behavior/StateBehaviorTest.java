package io.checkpointing.behavior;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.checkpointing.behavior.ProgramVersion.calc;

/**
 * The behavior cases on state: what a call's key sees of its arguments' and its beans' state
 * between two runs. Each test runs version 1 and then version 2 of a small Spring Boot program in
 * fresh JVMs against one cache directory, and checks whether version 2 ran the checkpointed
 * method ("Running") or hit the stored result.
 */
class StateBehaviorTest {

	@TempDir
	Path workspace;

	/** A model whose getter shows its name only; its weight is hidden state that changes the result. */
	private static final String MODEL = """
			package demo;

			public class Model {

				private final String name;

				private final int weight;

				private transient int uses;

				public Model(String name, int weight, int uses) {
					this.name = name;
					this.weight = weight;
					this.uses = uses;
				}

				public String getName() {
					return this.name;
				}

				int weight() {
					return this.weight;
				}

			}
			""";

	private static final String SCORE = """
			@Checkpoint
			public int score(Model model) {
				System.out.println("Running");
				return model.weight();
			}
			""";

	// Item 4: an argument counts by its whole state.

	@Test
	void anArgumentsPrivateFieldNoGetterShowsChangedReruns() throws Exception {
		BehaviorCase.from(program(SCORE, "calc.score(new Model(\"ada\", 1, 0))", "Model", MODEL))
			.to(program(SCORE, "calc.score(new Model(\"ada\", 2, 0))", "Model", MODEL))
			.reruns(this.workspace, "result: 2");
	}

	@Test
	void anArgumentEqualInEveryNonTransientFieldHits() throws Exception {
		BehaviorCase.from(program(SCORE, "calc.score(new Model(\"ada\", 1, 0))", "Model", MODEL))
			.to(program(SCORE, "calc.score(new Model(\"ada\", 1, 7))", "Model", MODEL))
			.hits(this.workspace, "result: 1");
	}

	// Item 6: a function counts by its code and captured values.

	private static final String APPLY = """
			@Checkpoint
			public int apply(int a, java.util.function.IntUnaryOperator function) {
				System.out.println("Running");
				return function.applyAsInt(a);
			}
			""";

	private static final String FIELD_FUNCTION = """
			private final java.util.function.IntUnaryOperator function = (x) -> x * 2;

			@Checkpoint
			public int foo(int a) {
				System.out.println("Running");
				return this.function.applyAsInt(a);
			}
			""";

	@Test
	void aLambdaArgumentWithAChangedBodyReruns() throws Exception {
		BehaviorCase.from(calc(APPLY, "calc.apply(3, (x) -> x * 2)"))
			.to(calc(APPLY, "calc.apply(3, (x) -> x * 3)"))
			.reruns(this.workspace, "result: 9");
	}

	@Test
	void aLambdaArgumentWithAChangedCapturedValueReruns() throws Exception {
		BehaviorCase.from(withLocal("int k = 2;", "calc.apply(3, (x) -> x * k)"))
			.to(withLocal("int k = 3;", "calc.apply(3, (x) -> x * k)"))
			.reruns(this.workspace, "result: 9");
	}

	@Test
	void theSameLambdaArgumentWithItsParameterRenamedHits() throws Exception {
		BehaviorCase.from(withLocal("int k = 2;", "calc.apply(3, (x) -> x * k)"))
			.to(withLocal("int k = 2;", "calc.apply(3, (y) -> y * k)"))
			.hits(this.workspace, "result: 6");
	}

	@Test
	void aChangedBodyOfALambdaHeldInAFieldReruns() throws Exception {
		BehaviorCase.from(calc(FIELD_FUNCTION, "calc.foo(3)"))
			.to(calc(FIELD_FUNCTION.replace("x * 2", "x * 3"), "calc.foo(3)"))
			.reruns(this.workspace, "result: 9");
	}

	@Test
	void anUnchangedLambdaHeldInAFieldHits() throws Exception {
		BehaviorCase.from(calc(FIELD_FUNCTION, "calc.foo(3)"))
			.to(calc(FIELD_FUNCTION.replace("(x) -> x * 2", "(y) -> y * 2"), "calc.foo(3)"))
			.hits(this.workspace, "result: 6");
	}

	// Item 3: a collaborator bean's state counts by the fields the reached code reads on it.

	private static final String RATES = """
			package demo;

			import org.springframework.beans.factory.annotation.Value;
			import org.springframework.stereotype.Component;

			@Component
			public class Rates {

				@Value("${calc.rate}")
				private int rate;

				@Value("${calc.label}")
				private String label;

				public int apply(int a) {
					return a * this.rate;
				}

				public String label() {
					return this.label;
				}

			}
			""";

	/** Through a {@code @Lazy} reference: a proxy whose target is the bean. */
	private static final String USES_RATES = """
			private final Rates rates;

			public Calc(@org.springframework.context.annotation.Lazy Rates rates) {
				this.rates = rates;
			}

			@Checkpoint
			public int foo(int a) {
				System.out.println("Running");
				return this.rates.apply(a);
			}
			""";

	@Test
	void aCollaboratorBeansValueFieldTheReachedCodeReadsChangedReruns() throws Exception {
		ProgramVersion program = program(USES_RATES, "calc.foo(3)", "Rates", RATES);
		BehaviorCase.from(program.withArguments("--calc.rate=2", "--calc.label=a"))
			.to(program.withArguments("--calc.rate=3", "--calc.label=a"))
			.reruns(this.workspace, "result: 9");
	}

	@Test
	void aCollaboratorBeansFieldTheReachedCodeDoesNotReadChangedHits() throws Exception {
		ProgramVersion program = program(USES_RATES, "calc.foo(3)", "Rates", RATES);
		BehaviorCase.from(program.withArguments("--calc.rate=2", "--calc.label=a"))
			.to(program.withArguments("--calc.rate=2", "--calc.label=b"))
			.hits(this.workspace, "result: 6");
	}

	// Item 11: configuration read by a constant name counts by its current value, and only it.

	private static final String READS_ENVIRONMENT = """
			private final org.springframework.core.env.Environment environment;

			public Calc(org.springframework.core.env.Environment environment) {
				this.environment = environment;
			}

			@Checkpoint
			public int foo(int a) {
				System.out.println("Running");
				return a * Integer.parseInt(this.environment.getProperty("calc.rate"));
			}
			""";

	@Test
	void aPropertyReadByNameFromTheEnvironmentChangedReruns() throws Exception {
		BehaviorCase.from(calc(READS_ENVIRONMENT, "calc.foo(3)").withArguments("--calc.rate=2"))
			.to(calc(READS_ENVIRONMENT, "calc.foo(3)").withArguments("--calc.rate=3"))
			.reruns(this.workspace, "result: 9");
	}

	@Test
	void anUnrelatedPropertyOfTheEnvironmentChangedHits() throws Exception {
		BehaviorCase.from(calc(READS_ENVIRONMENT, "calc.foo(3)").withArguments("--calc.rate=2", "--calc.other=1"))
			.to(calc(READS_ENVIRONMENT, "calc.foo(3)").withArguments("--calc.rate=2", "--calc.other=2"))
			.hits(this.workspace, "result: 6");
	}

	private static ProgramVersion withLocal(String local, String call) {
		return ProgramVersion.of(Map.of("Calc", calc(APPLY, "").source("Calc"), "Main",
				ProgramVersion.main("Calc calc = context.getBean(Calc.class);\n" + local, call)));
	}

	/**
	 * @param calcBody the body of the {@code Calc} bean
	 * @param call what main prints, using a {@code calc} variable
	 * @param classes further classes of package {@code demo}: name, source, name, source...
	 */
	private static ProgramVersion program(String calcBody, String call, String... classes) {
		ProgramVersion calc = calc(calcBody, call);
		Map<String, String> sources = new HashMap<>(Map.of("Calc", calc.source("Calc"), "Main", calc.source("Main")));
		for (int i = 0; i < classes.length; i += 2) {
			sources.put(classes[i], classes[i + 1]);
		}
		return ProgramVersion.of(sources);
	}

}
