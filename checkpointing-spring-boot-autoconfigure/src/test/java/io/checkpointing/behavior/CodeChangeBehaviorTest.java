package io.checkpointing.behavior;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.checkpointing.behavior.ProgramVersion.calc;

/**
 * The behavior cases on code change: each test compiles two versions of a small Spring Boot
 * program, runs version 1 and then version 2 in fresh JVMs against one cache directory, and
 * checks whether version 2 ran the checkpointed method ("Running") or hit the stored result.
 */
class CodeChangeBehaviorTest {

	static final String FOO = """
			@Checkpoint
			public int foo(int a) {
				System.out.println("Running");
				return a;
			}
			""";

	@TempDir
	Path workspace;

	// Must hit: the change cannot affect the result.

	@Test
	void s1RenamingAParameterHits() throws Exception {
		BehaviorCase.from(calc(FOO, "calc.foo(0)")).to(calc("""
				@Checkpoint
				public int foo(int x) {
					System.out.println("Running");
					return x;
				}
				""", "calc.foo(0)")).hits(this.workspace, "result: 0");
	}

	@Test
	void s2RenamingLocalsAndAStaticFieldThatKeepsItsValueHits() throws Exception {
		BehaviorCase.from(calc("""
				static int N = 0;

				@Checkpoint
				public int foo(int a) {
					System.out.println("Running");
					int b = N + 1;
					return b;
				}
				""", "calc.foo(0)")).to(calc("""
				static int X = 0;

				@Checkpoint
				public int foo(int a) {
					System.out.println("Running");
					int z = X + 1;
					return z;
				}
				""", "calc.foo(0)")).hits(this.workspace, "result: 1");
	}

	@Test
	void s3RenamingTheMethodHits() throws Exception {
		BehaviorCase.from(calc(FOO, "calc.foo(0)")).to(calc(FOO.replace("foo", "bar"), "calc.bar(0)"))
			.hits(this.workspace, "result: 0");
	}

	@Test
	void s4CommentsJavadocAndAnnotationsWithoutBehaviorHit() throws Exception {
		BehaviorCase.from(calc(FOO, "calc.foo(0)")).to(calc("""
				/**
				 * Returns its argument.
				 * @param a any number
				 * @return {@code a}
				 */
				@Checkpoint
				@Deprecated
				@SuppressWarnings("unused")
				@org.jspecify.annotations.NullMarked
				public int foo(int a) { // a comment
					/* another comment */
					System.out.println("Running");
					return a;
				}
				""", "calc.foo(0)")).hits(this.workspace, "result: 0");
	}

	@Test
	void s5ReformattingAndMovingTheMethodHits() throws Exception {
		BehaviorCase.from(calc("public int first() { return 1; }\n" + FOO, "calc.foo(0)")).to(calc("""
				@Checkpoint public int foo(
						int a) { System.out.println(
								"Running"); return a; }


				public int first() {
					return 1;
				}
				""", "calc.foo(0)")).hits(this.workspace, "result: 0");
	}

	@Test
	void s6ChangingAStaticFieldTheMethodDoesNotReadHits() throws Exception {
		BehaviorCase.from(calc("static int UNUSED = 0;\n" + FOO, "calc.foo(0)"))
			.to(calc("static int UNUSED = 1;\n" + FOO, "calc.foo(0)"))
			.hits(this.workspace, "result: 0");
	}

	@Test
	void s7ChangingAnotherMethodTheMethodDoesNotCallHits() throws Exception {
		BehaviorCase.from(calc(FOO + "public int other() { return 1; }", "calc.foo(0)"))
			.to(calc(FOO + "public int other() { return 2; }\npublic int added() { return 3; }", "calc.foo(0)"))
			.hits(this.workspace, "result: 0");
	}

	// Must rerun: the change can affect the result.

	@Test
	void r1ADifferentArgumentReruns() throws Exception {
		BehaviorCase.from(calc(FOO, "calc.foo(0)")).to(calc(FOO, "calc.foo(1)")).reruns(this.workspace, "result: 1");
	}

	@Test
	void r2ChangedLogicReruns() throws Exception {
		BehaviorCase.from(calc(FOO, "calc.foo(0)"))
			.to(calc(FOO.replace("return a;", "return a + 1;"), "calc.foo(0)"))
			.reruns(this.workspace, "result: 1");
	}

	@Test
	void r3AChangedStaticFieldTheMethodReadsReruns() throws Exception {
		String reads = """
				static int X = 0;

				@Checkpoint
				public int foo(int a) {
					System.out.println("Running");
					return a + X;
				}
				""";
		BehaviorCase.from(calc(reads, "calc.foo(0)"))
			.to(calc(reads.replace("X = 0", "X = 1"), "calc.foo(0)"))
			.reruns(this.workspace, "result: 1");
	}

	static final String READS_OFFSET = """
			@Value("${calc.offset}")
			int offset;

			@Checkpoint
			public int foo(int a) {
				System.out.println("Running");
				return a + this.offset;
			}
			""";

	@Test
	void r4AChangedValuePropertyReruns() throws Exception {
		BehaviorCase.from(calc(READS_OFFSET, "calc.foo(0)").withArguments("--calc.offset=0"))
			.to(calc(READS_OFFSET, "calc.foo(0)").withArguments("--calc.offset=1"))
			.reruns(this.workspace, "result: 1");
	}

	@Test
	void r4AChangedConfigurationPropertiesFieldReruns() throws Exception {
		ProgramVersion program = ProgramVersion.of(Map.of("CalcProperties", """
				package demo;

				@org.springframework.boot.context.properties.ConfigurationProperties("calc")
				public record CalcProperties(int offset) {
				}
				""", "Calc", """
				package demo;

				import io.checkpointing.Checkpoint;

				@org.springframework.stereotype.Component
				@org.springframework.boot.context.properties.EnableConfigurationProperties(CalcProperties.class)
				public class Calc {

					private final CalcProperties properties;

					public Calc(CalcProperties properties) {
						this.properties = properties;
					}

					@Checkpoint
					public int foo(int a) {
						System.out.println("Running");
						return a + this.properties.offset();
					}

				}
				""", "Main", ProgramVersion.main("Calc calc = context.getBean(Calc.class);", "calc.foo(0)")));
		BehaviorCase.from(program.withArguments("--calc.offset=0"))
			.to(program.withArguments("--calc.offset=1"))
			.reruns(this.workspace, "result: 1");
	}

	// Where the Python package is wrong, and this project must not be.

	static final String CALLS_HELPER = """
			@Checkpoint
			public int foo(int a) {
				System.out.println("Running");
				return helper(a) + Scaler.scale(a);
			}

			int helper(int a) {
				return a + 1;
			}
			""";

	static ProgramVersion withScaler(String calcBody, String scaleBody) {
		ProgramVersion calc = calc(calcBody, "calc.foo(1)");
		return ProgramVersion.of(Map.of("Calc", calc.source("Calc"), "Main", calc.source("Main"), "Scaler", """
				package demo;

				public class Scaler {

					public static int scale(int a) {
						%s
					}

				}
				""".formatted(scaleBody)));
	}

	@Test
	void b1AChangedHelperInTheSameClassReruns() throws Exception {
		BehaviorCase.from(withScaler(CALLS_HELPER, "return a * 10;"))
			.to(withScaler(CALLS_HELPER.replace("a + 1", "a + 2"), "return a * 10;"))
			.reruns(this.workspace, "result: 13");
	}

	@Test
	void b1AChangedStaticHelperInAnotherApplicationClassReruns() throws Exception {
		BehaviorCase.from(withScaler(CALLS_HELPER, "return a * 10;"))
			.to(withScaler(CALLS_HELPER, "return a * 100;"))
			.reruns(this.workspace, "result: 102");
	}

	@Test
	void b2AChangedMethodOfAnArgumentsClassReruns() throws Exception {
		String calc = """
				@Checkpoint
				public int foo(Bar bar) {
					System.out.println("Running");
					return bar.baz();
				}
				""";
		ProgramVersion first = ProgramVersion.of(Map.of("Calc", calc(calc, "").source("Calc"), "Main",
				ProgramVersion.main("Calc calc = context.getBean(Calc.class);", "calc.foo(new Bar(3))"), "Bar",
				"package demo;\npublic record Bar(int value) { public int baz() { return value * 2; } }"));
		ProgramVersion second = ProgramVersion.of(Map.of("Calc", calc(calc, "").source("Calc"), "Main",
				ProgramVersion.main("Calc calc = context.getBean(Calc.class);", "calc.foo(new Bar(3))"), "Bar",
				"package demo;\npublic record Bar(int value) { public int baz() { return value * 3; } }"));
		BehaviorCase.from(first).to(second).reruns(this.workspace, "result: 9");
	}

	private static ProgramVersion withShapes(String squareArea, String circleArea, String call) {
		String calc = """
				@Checkpoint
				public double foo(Shape shape) {
					System.out.println("Running");
					return shape.area();
				}
				""";
		return ProgramVersion.of(Map.of("Calc", calc(calc, "").source("Calc"), "Main",
				ProgramVersion.main("Calc calc = context.getBean(Calc.class);", call), "Shape",
				"package demo;\npublic interface Shape { double area(); }", "Square",
				"package demo;\npublic record Square(double side) implements Shape { public double area() { " + squareArea
						+ " } }",
				"Circle", "package demo;\npublic record Circle(double radius) implements Shape { public double area() { "
						+ circleArea + " } }"));
	}

	@Test
	void b2AChangedImplementationOfAnApplicationInterfaceReruns() throws Exception {
		BehaviorCase.from(withShapes("return side * side;", "return 3 * radius * radius;", "calc.foo(new Square(2))"))
			.to(withShapes("return side * side;", "return Math.PI * radius * radius;", "calc.foo(new Square(2))"))
			.reruns(this.workspace, "result: 4.0");
	}

	@Test
	void aChangedRecordAccessorReruns() throws Exception {
		String calc = """
				@Checkpoint
				public int foo(Bar bar) {
					System.out.println("Running");
					return bar.value() + 1;
				}
				""";
		String main = ProgramVersion.main("Calc calc = context.getBean(Calc.class);", "calc.foo(new Bar(3))");
		ProgramVersion first = ProgramVersion.of(Map.of("Calc", calc(calc, "").source("Calc"), "Main", main, "Bar",
				"package demo;\npublic record Bar(int value) { }"));
		ProgramVersion second = ProgramVersion.of(Map.of("Calc", calc(calc, "").source("Calc"), "Main", main, "Bar",
				"package demo;\npublic record Bar(int value) { public int value() { return value * 10; } }"));
		BehaviorCase.from(first).to(second).reruns(this.workspace, "result: 31");
	}

	@Test
	void b3RenamingAHelperWithTheSameBodyHits() throws Exception {
		BehaviorCase.from(withScaler(CALLS_HELPER, "return a * 10;"))
			.to(withScaler(CALLS_HELPER.replace("helper", "increment"), "return a * 10;"))
			.hits(this.workspace, "result: 12");
	}

	@Test
	void recursiveHelpersFingerprintTheSameEveryTimeAndRerunWhenChanged() throws Exception {
		String recursive = """
				@Checkpoint
				public int foo(int a) {
					System.out.println("Running");
					return even(a) ? 1 : 0;
				}

				boolean even(int n) {
					return n == 0 || odd(n - 1);
				}

				boolean odd(int n) {
					return n != 0 && even(n - 1);
				}
				""";
		BehaviorCase.from(calc(recursive, "calc.foo(4)"))
			.to(calc("// unchanged\n" + recursive, "calc.foo(4)"))
			.hits(this.workspace, "result: 1");
		BehaviorCase.from(calc(recursive, "calc.foo(4)"))
			.to(calc(recursive.replace("n != 0 &&", "n == 1 ||"), "calc.foo(4)"))
			.reruns(this.workspace.resolve("changed"), "result: 1");
	}

	@Test
	void aMethodScopeSeesNoHelperChanges() throws Exception {
		BehaviorCase.from(withScaler(CALLS_HELPER, "return a * 10;").withArguments("--checkpointing.code.scope=method"))
			.to(withScaler(CALLS_HELPER, "return a * 100;").withArguments("--checkpointing.code.scope=method"))
			.hits(this.workspace, "result: 12");
	}

	// Our own cases.

	@Test
	void aChangedStringLiteralReruns() throws Exception {
		String greets = """
				@Checkpoint
				public String foo(int a) {
					System.out.println("Running");
					return "hello " + a;
				}
				""";
		BehaviorCase.from(calc(greets, "calc.foo(0)"))
			.to(calc(greets.replace("hello ", "bye "), "calc.foo(0)"))
			.reruns(this.workspace, "result: bye 0");
	}

	@Test
	void aChangedCompileTimeConstantReruns() throws Exception {
		String reads = """
				static final int STEP = 1;

				@Checkpoint
				public int foo(int a) {
					System.out.println("Running");
					return a + STEP;
				}
				""";
		BehaviorCase.from(calc(reads, "calc.foo(0)"))
			.to(calc(reads.replace("STEP = 1", "STEP = 2"), "calc.foo(0)"))
			.reruns(this.workspace, "result: 2");
	}

	@Test
	void changingAnOverloadTheCallDoesNotUseHits() throws Exception {
		String overloads = FOO + """
				@Checkpoint
				public long foo(long a) {
					System.out.println("Running");
					return a * 10;
				}
				""";
		BehaviorCase.from(calc(overloads, "calc.foo(0)"))
			.to(calc(overloads.replace("a * 10", "a * 20"), "calc.foo(0)"))
			.hits(this.workspace, "result: 0");
	}

	@Test
	void aGenericMethodHitsWhenItsTypeVariableIsRenamedAndRerunsWhenItsLogicChanges() throws Exception {
		String generic = """
				@Checkpoint
				public <T extends Number> double foo(T a) {
					System.out.println("Running");
					return a.doubleValue();
				}
				""";
		BehaviorCase.from(calc(generic, "calc.foo(2)"))
			.to(calc(generic.replace("<T extends", "<N extends").replace("(T a)", "(N a)"), "calc.foo(2)"))
			.hits(this.workspace, "result: 2.0");
		BehaviorCase.from(calc(generic, "calc.foo(3)"))
			.to(calc(generic.replace("a.doubleValue()", "a.doubleValue() * 2"), "calc.foo(3)"))
			.reruns(this.workspace.resolve("logic"), "result: 6.0");
	}

	@Test
	void aMethodBehindAnInterfaceBasedJdkProxyHitsAndReruns() throws Exception {
		String implementation = """
				package demo;

				import io.checkpointing.Checkpoint;

				@org.springframework.stereotype.Component
				public class PlainCalculator implements Calculator {

					@Checkpoint
					@Override
					public int foo(int a) {
						System.out.println("Running");
						return a;
					}

				}
				""";
		String main = ProgramVersion.main("""
				Calculator calc = context.getBean(Calculator.class);
				if (!java.lang.reflect.Proxy.isProxyClass(calc.getClass())) throw new IllegalStateException("no JDK proxy");
				""", "calc.foo(0)");
		Map<String, String> v1 = Map.of("Calculator", "package demo;\npublic interface Calculator { int foo(int a); }",
				"PlainCalculator", implementation, "Main", main);
		Map<String, String> comment = Map.of("Calculator", v1.get("Calculator"), "PlainCalculator",
				implementation.replace("@Override", "@Override // a comment"), "Main", main);
		Map<String, String> logic = Map.of("Calculator", v1.get("Calculator"), "PlainCalculator",
				implementation.replace("return a;", "return a - 1;"), "Main", main);
		String jdkProxies = "--spring.aop.proxy-target-class=false";
		BehaviorCase.from(ProgramVersion.of(v1).withArguments(jdkProxies))
			.to(ProgramVersion.of(comment).withArguments(jdkProxies))
			.hits(this.workspace, "result: 0");
		BehaviorCase.from(ProgramVersion.of(v1).withArguments(jdkProxies))
			.to(ProgramVersion.of(logic).withArguments(jdkProxies))
			.reruns(this.workspace.resolve("logic"), "result: -1");
	}

	@Test
	void aMethodBehindACglibProxyHitsAndReruns() throws Exception {
		String throughProxy = "(calc.getClass().getName().contains(\"$$SpringCGLIB$$\") ? calc.foo(0) : -99)";
		BehaviorCase.from(calc(FOO, throughProxy))
			.to(calc("// moved\n" + FOO, throughProxy))
			.hits(this.workspace, "result: 0");
		BehaviorCase.from(calc(FOO, "calc.foo(0)"))
			.to(calc(FOO.replace("return a;", "return a * 2 + 1;"), "calc.foo(0)"))
			.reruns(this.workspace.resolve("logic"), "result: 1");
	}

	@Test
	void aChangedCheckpointVersionRerunsAndAnUnchangedOneHits() throws Exception {
		String versioned = FOO.replace("@Checkpoint", "@Checkpoint(version = \"2026-01\")");
		BehaviorCase.from(calc(versioned, "calc.foo(0)"))
			.to(calc("// comment\n" + versioned, "calc.foo(0)"))
			.hits(this.workspace, "result: 0");
		BehaviorCase.from(calc(versioned, "calc.foo(0)"))
			.to(calc(versioned.replace("2026-01", "2026-02"), "calc.foo(0)"))
			.reruns(this.workspace.resolve("bumped"), "result: 0");
	}

	@Test
	void b4AChangedLambdaBodyReruns() throws Exception {
		String lambda = """
				@Checkpoint
				public int foo(int a) {
					System.out.println("Running");
					java.util.function.IntUnaryOperator op = x -> x * 2;
					return op.applyAsInt(a + 1);
				}
				""";
		BehaviorCase.from(calc(lambda, "calc.foo(0)"))
			.to(calc(lambda.replace("x * 2", "x * 3"), "calc.foo(0)"))
			.reruns(this.workspace, "result: 3");
	}

}
