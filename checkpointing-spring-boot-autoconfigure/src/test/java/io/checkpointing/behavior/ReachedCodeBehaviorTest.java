package io.checkpointing.behavior;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.checkpointing.behavior.ProgramVersion.calc;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behavior cases on the code a checkpointed method reaches beyond plain method calls:
 * constructors and initializers, classes whose methods the JDK calls, calls through interfaces
 * and abstract classes. Each compiles two versions of a small Spring Boot program and runs them
 * in fresh JVMs against one cache directory.
 */
class ReachedCodeBehaviorTest {

	private static final String MINUS = """
			@Checkpoint
			public int foo(int a, int b) {
				System.out.println("Running");
				return a - b;
			}
			""";

	@TempDir
	Path workspace;

	/**
	 * The {@code Calc} bean with {@code calcBody}, main printing {@code call}, and more classes, of
	 * package {@code demo} unless their source starts with another package.
	 */
	private static ProgramVersion program(String calcBody, String call, String... classes) {
		ProgramVersion calc = calc(calcBody, call);
		Map<String, String> sources = new LinkedHashMap<>();
		sources.put("Calc", calc.source("Calc"));
		sources.put("Main", calc.source("Main"));
		for (int i = 0; i < classes.length; i += 2) {
			String source = classes[i + 1];
			sources.put(classes[i], source.startsWith("package ") ? source : "package demo;\n\n" + source);
		}
		return ProgramVersion.of(sources);
	}

	// 1. Constructors and initializers reached.

	private static final String BUILDS_HELPER = """
			@Checkpoint
			public int foo(int a) {
				System.out.println("Running");
				return new Helper(a).value();
			}
			""";

	private static final String HELPER = """
			public class Helper {

				private final int value;

				public Helper(int a) {
					this.value = a * 2;
				}

				public Helper(String a) {
					this.value = a.length();
				}

				public int value() {
					return this.value;
				}

			}
			""";

	@Test
	void aChangedConstructorOfAHelperBuiltInTheMethodReruns() throws Exception {
		BehaviorCase.from(program(BUILDS_HELPER, "calc.foo(2)", "Helper", HELPER))
			.to(program(BUILDS_HELPER, "calc.foo(2)", "Helper", HELPER.replace("a * 2", "a * 3")))
			.reruns(this.workspace, "result: 6");
	}

	@Test
	void aChangedConstructorTheMethodDoesNotCallHits() throws Exception {
		BehaviorCase.from(program(BUILDS_HELPER, "calc.foo(2)", "Helper", HELPER))
			.to(program(BUILDS_HELPER, "calc.foo(2)", "Helper", HELPER.replace("a.length()", "a.length() + 1")))
			.hits(this.workspace, "result: 4");
	}

	@Test
	void aChangedFieldInitializerOrInstanceInitializerReruns() throws Exception {
		String helper = """
				public class Helper {

					private int base = 10;

					private int extra;

					{
						this.extra = 1;
					}

					public Helper(int a) {
						this.base += a;
					}

					public int value() {
						return this.base + this.extra;
					}

				}
				""";
		BehaviorCase.from(program(BUILDS_HELPER, "calc.foo(2)", "Helper", helper))
			.to(program(BUILDS_HELPER, "calc.foo(2)", "Helper", helper.replace("base = 10", "base = 20")))
			.reruns(this.workspace, "result: 23");
		BehaviorCase.from(program(BUILDS_HELPER, "calc.foo(2)", "Helper", helper))
			.to(program(BUILDS_HELPER, "calc.foo(2)", "Helper", helper.replace("extra = 1", "extra = 5")))
			.reruns(this.workspace.resolve("initializer"), "result: 17");
	}

	@Test
	void aChangedCompactConstructorOfARecordBuiltInTheMethodReruns() throws Exception {
		String record = """
				public record Range(int low, int high) {

					public Range {
						if (low > high) {
							int swap = low;
							low = high;
							high = swap;
						}
					}

				}
				""";
		String calc = """
				@Checkpoint
				public int foo(int a) {
					System.out.println("Running");
					return new Range(a, 0).high();
				}
				""";
		BehaviorCase.from(program(calc, "calc.foo(5)", "Range", record))
			.to(program(calc, "calc.foo(5)", "Range", record.replace("high = swap;", "high = swap * 10;")))
			.reruns(this.workspace, "result: 50");
	}

	@Test
	void aChangedStaticInitializerOfAClassWhoseStaticFieldIsReadReruns() throws Exception {
		// A function held in a static field has no canonical value: only the initializer's code shows the change.
		String rates = """
				public class Rates {

					static final java.util.function.IntUnaryOperator RATE;

					static {
						RATE = (x) -> x * 2;
					}

				}
				""";
		String calc = """
				@Checkpoint
				public int foo(int a) {
					System.out.println("Running");
					return Rates.RATE.applyAsInt(a);
				}
				""";
		BehaviorCase.from(program(calc, "calc.foo(5)", "Rates", rates))
			.to(program(calc, "calc.foo(5)", "Rates", rates.replace("x * 2", "x * 3")))
			.reruns(this.workspace, "result: 15");
		BehaviorCase.from(program(calc, "calc.foo(5)", "Rates", rates))
			.to(program(calc, "calc.foo(5)", "Rates", rates.replace("static {", "static { // reformatted\n")))
			.hits(this.workspace.resolve("reformatted"), "result: 10");
	}

	// 2. Classes whose methods the JDK calls.

	@Test
	void aChangedAnonymousComparatorHandedToTheJdkReruns() throws Exception {
		String sorts = """
				@Checkpoint
				public String foo(int a) {
					System.out.println("Running");
					java.util.List<Integer> values = new java.util.ArrayList<>(java.util.List.of(a, 1, 3));
					values.sort(new java.util.Comparator<Integer>() {
						@Override
						public int compare(Integer left, Integer right) {
							return Integer.compare(left, right);
						}
					});
					return values.toString();
				}
				""";
		BehaviorCase.from(calc(sorts, "calc.foo(2)"))
			.to(calc(sorts.replace("compare(left, right)", "compare(right, left)"), "calc.foo(2)"))
			.reruns(this.workspace, "result: [3, 2, 1]");
	}

	@Test
	void aChangedInnerClassRunByTheJdkReruns() throws Exception {
		String runs = """
				@Checkpoint
				public int foo(int a) {
					System.out.println("Running");
					try {
						return java.util.concurrent.Executors.newSingleThreadExecutor((task) -> {
							Thread thread = new Thread(task);
							thread.setDaemon(true);
							return thread;
						}).submit(new Doubler(a)).get();
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				}

				class Doubler implements java.util.concurrent.Callable<Integer> {

					private final int a;

					Doubler(int a) {
						this.a = a;
					}

					@Override
					public Integer call() {
						return this.a * 2;
					}

				}
				""";
		BehaviorCase.from(calc(runs, "calc.foo(4)"))
			.to(calc(runs.replace("this.a * 2", "this.a * 3"), "calc.foo(4)"))
			.reruns(this.workspace, "result: 12");
	}

	@Test
	void aChangedToStringOfAnObjectBuiltInTheMethodReruns() throws Exception {
		String label = """
				public class Label {

					private final int value;

					public Label(int value) {
						this.value = value;
					}

					@Override
					public String toString() {
						return "#" + this.value;
					}

				}
				""";
		String calc = """
				@Checkpoint
				public String foo(int a) {
					System.out.println("Running");
					return "label " + new Label(a);
				}
				""";
		BehaviorCase.from(program(calc, "calc.foo(1)", "Label", label))
			.to(program(calc, "calc.foo(1)", "Label", label.replace("\"#\"", "\"no. \"")))
			.reruns(this.workspace, "result: label no. 1");
	}

	@Test
	void aChangedAnonymousClassTheMethodNeverCreatesHits() throws Exception {
		String other = """
				@Checkpoint
				public int foo(int a) {
					System.out.println("Running");
					return a + 1;
				}

				public Runnable other() {
					return new Runnable() {
						@Override
						public void run() {
							System.out.println("one");
						}
					};
				}
				""";
		BehaviorCase.from(calc(other, "calc.foo(1)"))
			.to(calc(other.replace("\"one\"", "\"two\""), "calc.foo(1)"))
			.hits(this.workspace, "result: 2");
	}


	// 5. Calls through interfaces and abstract classes.

	private static final String INJECTED = """
			private final %1$s collaborator;

			public Calc(%1$s collaborator) {
				this.collaborator = collaborator;
			}

			@Checkpoint
			public int foo(int a) {
				System.out.println("Running");
				return this.collaborator.%2$s(a);
			}
			""";

	private static final String FLAT_PRICING = """
			@org.springframework.stereotype.Component
			public class FlatPricing implements Pricing {

				@Override
				public int price(int a) {
					return a * 2;
				}

				public String describe() {
					return "flat";
				}

			}
			""";

	private static ProgramVersion pricing(String flatPricing) {
		return program(INJECTED.formatted("Pricing", "price"), "calc.foo(2)", "Pricing",
				"public interface Pricing { int price(int a); }", "FlatPricing", flatPricing);
	}

	@Test
	void aChangedImplementationOfABeanInjectedAsAnInterfaceReruns() throws Exception {
		BehaviorCase.from(pricing(FLAT_PRICING))
			.to(pricing(FLAT_PRICING.replace("a * 2", "a * 3")))
			.reruns(this.workspace, "result: 6");
	}

	@Test
	void aChangedMethodOfTheImplementationThatIsNotCalledHits() throws Exception {
		BehaviorCase.from(pricing(FLAT_PRICING))
			.to(pricing(FLAT_PRICING.replace("\"flat\"", "\"flat rate\"")))
			.hits(this.workspace, "result: 4");
	}

	private static ProgramVersion report(String doubling) {
		return program(INJECTED.formatted("Report", "total"), "calc.foo(2)", "Report", """
				public abstract class Report {

					public int total(int a) {
						return base(a) + 1;
					}

					protected abstract int base(int a);

				}
				""", "Doubling", doubling);
	}

	@Test
	void aChangedStepOfATemplateMethodReruns() throws Exception {
		String doubling = """
				@org.springframework.stereotype.Component
				public class Doubling extends Report {

					@Override
					protected int base(int a) {
						return a * 2;
					}

				}
				""";
		BehaviorCase.from(report(doubling))
			.to(report(doubling.replace("a * 2", "a * 5")))
			.reruns(this.workspace, "result: 11");
	}

	private static ProgramVersion greeter(String greeter) {
		return program(INJECTED.formatted("PlainGreeter", "bonus"), "calc.foo(2)", "Greeter", greeter, "PlainGreeter",
				"@org.springframework.stereotype.Component\npublic class PlainGreeter implements Greeter { }");
	}

	@Test
	void aChangedInterfaceDefaultMethodInheritedByTheBeanReruns() throws Exception {
		String greeter = """
				public interface Greeter {

					default int bonus(int a) {
						return a + 1;
					}

				}
				""";
		BehaviorCase.from(greeter(greeter))
			.to(greeter(greeter.replace("a + 1", "a + 2")))
			.reruns(this.workspace, "result: 4");
	}


	// 5b. Code outside the application's packages.

	private static ProgramVersion withSiblingModule(String scaleBody) {
		String calc = """
				@Checkpoint
				public int foo(int a) {
					System.out.println("Running");
					return com.acme.common.Scaler.scale(a);
				}
				""";
		return program(calc, "calc.foo(2)", "Scaler", """
				package com.acme.common;

				public class Scaler {

					public static int scale(int a) {
						%s
					}

				}
				""".formatted(scaleBody));
	}

	@Test
	void aChangedHelperOfAnotherRootPackageCompiledBesideTheApplicationReruns() throws Exception {
		// com.acme.common is not scanned by Spring Boot, but its classes come from a directory, not a released jar.
		BehaviorCase.from(withSiblingModule("return a * 10;"))
			.to(withSiblingModule("return a * 100;"))
			.reruns(this.workspace, "result: 200");
	}

	@Test
	void aChangedHelperInAnExcludedPackageHits() throws Exception {
		String excluded = "--checkpointing.code.excluded-packages=com.acme.common";
		BehaviorCase.from(withSiblingModule("return a * 10;").withArguments(excluded))
			.to(withSiblingModule("return a * 100;").withArguments(excluded))
			.hits(this.workspace, "result: 20");
	}


	// 7. Equivalent forms of the same code, each with a twin that looks similar but computes something else.

	private static final String COMPOUND = """
			private int total;

			private final int[] counts = new int[2];

			@Checkpoint
			public int foo(int a) {
				System.out.println("Running");
				int x = a;
				x += 3;
				this.total += x;
				this.counts[0] += x;
				return this.total + this.counts[0];
			}
			""";

	@Test
	void compoundAssignmentsWrittenOutHitAndALookAlikeOnAnotherElementReruns() throws Exception {
		String writtenOut = COMPOUND.replace("x += 3;", "x = x + 3;")
			.replace("this.total += x;", "this.total = this.total + x;")
			.replace("this.counts[0] += x;", "this.counts[0] = this.counts[0] + x;");
		BehaviorCase.from(calc(COMPOUND, "calc.foo(1)"))
			.to(calc(writtenOut, "calc.foo(1)"))
			.hits(this.workspace, "result: 8");
		BehaviorCase.from(calc(COMPOUND, "calc.foo(1)"))
			.to(calc(writtenOut.replace("this.counts[0] + x", "this.counts[1] + x"), "calc.foo(1)"))
			.reruns(this.workspace.resolve("twin"), "result: 8");
	}

	@Test
	void aLocalExtractedHitsAndALookAlikeThatChangesAnotherVariableReruns() throws Exception {
		String inlined = """
				@Checkpoint
				public int foo(int a) {
					System.out.println("Running");
					return a * 2 + 1;
				}
				""";
		BehaviorCase.from(calc(inlined, "calc.foo(1)"))
			.to(calc(inlined.replace("return a * 2 + 1;", "int doubled = a * 2;\nreturn doubled + 1;"), "calc.foo(1)"))
			.hits(this.workspace, "result: 3");
		BehaviorCase.from(calc(inlined, "calc.foo(1)"))
			.to(calc(inlined.replace("return a * 2 + 1;", "int doubled = a * 2;\na = 1;\nreturn doubled + a;"),
					"calc.foo(1)"))
			.reruns(this.workspace.resolve("twin"), "result: 3");
	}

	@Test
	void parametersSwappedWithTheCallHit() throws Exception {
		String mixed = """
				@Checkpoint
				public int foo(int a, String b) {
					System.out.println("Running");
					return a + b.length();
				}
				""";
		BehaviorCase.from(calc(mixed, "calc.foo(2, \"xy\")"))
			.to(calc(mixed.replace("int a, String b", "String b, int a"), "calc.foo(\"xy\", 2)"))
			.hits(this.workspace, "result: 4");
		BehaviorCase.from(calc(MINUS, "calc.foo(5, 3)"))
			.to(calc(MINUS.replace("int a, int b", "int b, int a"), "calc.foo(3, 5)"))
			.hits(this.workspace.resolve("sameTypes"), "result: 2");
	}

	@Test
	void parametersSwappedWithoutTheCallRerun() throws Exception {
		BehaviorCase.from(calc(MINUS, "calc.foo(5, 3)"))
			.to(calc(MINUS.replace("int a, int b", "int b, int a"), "calc.foo(5, 3)"))
			.reruns(this.workspace, "result: -2");
		BehaviorCase.from(calc(MINUS, "calc.foo(5, 3)"))
			.to(calc(MINUS.replace("a - b", "b - a"), "calc.foo(5, 3)"))
			.reruns(this.workspace.resolve("turnedAround"), "result: -2");
	}


	// 10. Impure calls: warned about once, unless acknowledged.

	@Test
	void aMethodReadingTheClockIsWarnedAboutOnceUnlessAcknowledged() throws Exception {
		String clock = """
				@Checkpoint
				public long foo(int a) {
					System.out.println("Running");
					return a + System.currentTimeMillis() / Long.MAX_VALUE;
				}
				""";
		List<String> output = calc(clock, "(calc.foo(1) + calc.foo(2))")
			.runInSeparateJvm(this.workspace.resolve("cache"));
		assertThat(output).filteredOn((line) -> line.contains("WARN"))
			.singleElement(InstanceOfAssertFactories.STRING)
			.contains("Calc#foo", "clock: java.lang.System#currentTimeMillis from demo.Calc line ",
					"@Checkpoint(acknowledge = {\"clock\"})");
		List<String> acknowledged = calc(clock.replace("@Checkpoint", "@Checkpoint(acknowledge = \"clock\")"), "calc.foo(1)")
			.runInSeparateJvm(this.workspace.resolve("cache"));
		assertThat(acknowledged).noneMatch((line) -> line.contains("WARN")).contains("result: 1");
	}

}
