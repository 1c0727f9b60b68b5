package io.checkpointing.behavior.program;

import java.util.Map;
import java.util.TreeMap;

import io.checkpointing.engine.CallStatistics;
import io.checkpointing.engine.CheckpointEngine;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot program run in fresh JVMs by {@code WovenCheckpointsTest}: its bean calls its own
 * checkpointed method, a private one and a static one, it calls a checkpointed method of an object
 * created with {@code new}, then one through the bean reference. It prints each result, then what
 * the engine counted per method, which shows whether a call was checkpointed once, twice or not.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class WovenProgram {

	public static void main(String[] args) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WovenProgram.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run(args)) {
			Steps steps = context.getBean(Steps.class);
			int n = Integer.parseInt(args[0]);
			System.out.println("self: " + steps.squareViaSelf(n));
			System.out.println("private: " + steps.cubeViaPrivate(n));
			System.out.println("static: " + Steps.negate(n));
			System.out.println("new: " + new Counter(n).plus(1));
			System.out.println("bean: " + steps.square(n));
			Map<String, CallStatistics.MethodStatistics> counts = new TreeMap<>(
					context.getBean(CheckpointEngine.class).statistics().snapshot());
			counts.forEach((method, count) -> System.out.println(
					"counted " + method + ": " + count.hits() + " hits, " + count.misses() + " misses, "
							+ count.errors() + " errors"));
		}
	}

}
