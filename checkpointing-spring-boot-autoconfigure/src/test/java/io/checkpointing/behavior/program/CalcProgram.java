package io.checkpointing.behavior.program;

import io.checkpointing.Checkpoints;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A small Spring Boot program run in fresh JVMs by {@code SeparateRunsTest}. Its first
 * argument says what to do, its second is the number to call {@link Calc} with; it prints what
 * it gets back.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class CalcProgram {

	public static void main(String[] args) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CalcProgram.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run(args)) {
			Calc calc = context.getBean(Calc.class);
			int number = Integer.parseInt(args[1]);
			switch (args[0]) {
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
				default -> throw new IllegalArgumentException("Unknown action " + args[0]);
			}
		}
	}

}
