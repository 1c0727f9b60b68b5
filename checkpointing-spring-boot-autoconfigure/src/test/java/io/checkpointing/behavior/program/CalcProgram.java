package io.checkpointing.behavior.program;

import io.checkpointing.Checkpoints;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A small Spring Boot program run again and again by {@code SeparateRunsTest}. Its arguments
 * before the first {@code --setting} are steps, each an action and the number to call {@link Calc}
 * with, done in order; it prints what it gets back. Several steps in one run let one JVM start
 * (the costly part, with the weaver agent) serve several cases.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class CalcProgram {

	public static void main(String[] args) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CalcProgram.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run(args)) {
			Calc calc = context.getBean(Calc.class);
			for (int i = 0; i + 1 < args.length && !args[i].startsWith("--"); i += 2) {
				step(context, calc, args[i], Integer.parseInt(args[i + 1]));
			}
		}
	}

	private static void step(ConfigurableApplicationContext context, Calc calc, String action, int number) {
		switch (action) {
			case "call" -> System.out.println("result: " + calc.identity(number));
			case "call-twice" -> {
				System.out.println("result: " + calc.identity(number));
				System.out.println("result: " + calc.identity(number));
			}
			case "rerun" -> System.out.println(
					"result: " + context.getBean(Checkpoints.class).rerun(() -> calc.identity(number)));
			case "throw-twice" -> {
				for (int i = 0; i < 2; i++) {
					try {
						calc.fail(number);
					}
					catch (IllegalArgumentException ex) {
						System.out.println("caught: " + ex.getMessage());
					}
				}
			}
			case "null" -> System.out.println("result: " + calc.nothing(number));
			default -> throw new IllegalArgumentException("Unknown action " + action);
		}
	}

}
