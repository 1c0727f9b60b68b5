package io.checkpointing.spring.inheritance;

import java.util.Arrays;

import io.checkpointing.Checkpoint;
import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.key.KeyStrategy;
import io.checkpointing.spring.autoconfigure.CheckpointingAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A checkpointed method declared once in a superclass and inherited by beans of several
 * subclasses (a template method): each subclass may override what it calls, so each is
 * checkpointed under its own name with keys of its own, and never returns another's result.
 */
class InheritedCheckpointsTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, CheckpointingAutoConfiguration.class))
		.withPropertyValues("checkpointing.backend=memory")
		.withUserConfiguration(ScalesConfiguration.class);

	@Test
	void beansOfTwoSubclassesThatOverrideOneStepGetTheirOwnResultsForTheSameArguments() {
		this.runner.run((context) -> {
			Doubling doubling = context.getBean(Doubling.class);
			Tripling tripling = context.getBean(Tripling.class);
			assertThat(doubling.scaled(5)).isEqualTo(10);
			assertThat(tripling.scaled(5)).isEqualTo(15);
			assertThat(doubling.scaled(5)).isEqualTo(10);
			assertThat(tripling.scaled(5)).isEqualTo(15);
			assertThat(context.getBean(CheckpointEngine.class).statistics().of("Doubling#scaled").hits()).isEqualTo(1);
			assertThat(context.getBean(CheckpointEngine.class).statistics().of("Tripling#scaled").hits()).isEqualTo(1);
		});
	}

	@Test
	void aBeanOfTheDeclaringClassItselfKeepsItsName() {
		this.runner.run((context) -> {
			Identity identity = context.getBean("identity", Identity.class);
			assertThat(identity.scaled(5)).isEqualTo(5);
			assertThat(identity.scaled(5)).isEqualTo(5);
			assertThat(context.getBean(CheckpointEngine.class).statistics().of("Identity#scaled").hits()).isEqualTo(1);
		});
	}

	@Test
	void theInMemoryTierFindsEachSubclasssOwnResultWhenTheDeclaringClassWasCalledFirst() {
		this.runner.withPropertyValues("checkpointing.memory.max-entries=100").run((context) -> {
			Identity identity = context.getBean("identity", Identity.class);
			Doubling doubling = context.getBean(Doubling.class);
			Tripling tripling = context.getBean(Tripling.class);
			assertThat(identity.scaled(5)).isEqualTo(5);
			assertThat(doubling.scaled(5)).isEqualTo(10);
			assertThat(tripling.scaled(5)).isEqualTo(15);
			assertThat(identity.scaled(5)).isEqualTo(5);
			assertThat(doubling.scaled(5)).isEqualTo(10);
			assertThat(tripling.scaled(5)).isEqualTo(15);
		});
	}

	@Test
	void aKeyStrategyStillKeysEachSubclassApart() {
		this.runner.withBean(KeyStrategy.class, () -> (method, target, arguments) -> Arrays.asList(arguments))
			.run((context) -> {
				assertThat(context.getBean(Doubling.class).scaled(5)).isEqualTo(10);
				assertThat(context.getBean(Tripling.class).scaled(5)).isEqualTo(15);
				assertThat(context.getBean("identity", Identity.class).scaled(5)).isEqualTo(5);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class ScalesConfiguration {

		@Bean
		Doubling doubling() {
			return new Doubling();
		}

		@Bean
		Tripling tripling() {
			return new Tripling();
		}

		@Bean
		Identity identity() {
			return new Identity();
		}

	}

	public static class Identity {

		@Checkpoint
		public int scaled(int value) {
			return factor() * value;
		}

		protected int factor() {
			return 1;
		}

	}

	public static class Doubling extends Identity {

		@Override
		protected int factor() {
			return 2;
		}

	}

	public static class Tripling extends Identity {

		@Override
		protected int factor() {
			return 3;
		}

	}

}
