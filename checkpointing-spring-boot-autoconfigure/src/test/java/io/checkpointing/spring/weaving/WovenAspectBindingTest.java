package io.checkpointing.spring.weaving;

import io.checkpointing.Checkpoint;
import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.spring.CheckpointAspect;
import io.checkpointing.spring.autoconfigure.CheckpointingAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@code checkpointing.mode} decides between the proxy aspect and the woven one. This JVM has
 * no weaver agent: the woven side is exercised in forked JVMs by the behavior suite.
 */
class WovenAspectBindingTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, CheckpointingAutoConfiguration.class,
				CheckpointingWeavingAutoConfiguration.class))
		.withPropertyValues("checkpointing.backend=memory");

	@Test
	void proxyModeIsTheDefaultAndKeepsTheWovenAspectOutOfTheWay() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(CheckpointAspect.class);
			assertThat(CheckpointWeaving.currentBinding()).isNotNull()
				.satisfies((binding) -> assertThat(binding.engine()).isNull());
		});
		assertThat(CheckpointWeaving.currentBinding()).isNull();
	}

	@Test
	void aspectjModeRegistersNoProxyAspectAndBindsTheContextsEngineUntilItCloses() {
		this.runner.withPropertyValues("checkpointing.mode=aspectj").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(CheckpointAspect.class);
			assertThat(CheckpointWeaving.currentBinding()).isNotNull()
				.satisfies((binding) -> assertThat(binding.engine()).isSameAs(context.getBean(CheckpointEngine.class)));
		});
		assertThat(CheckpointWeaving.currentBinding()).isNull();
	}

	@Test
	void aspectjModeRefusesACheckpointedBeanTheWeaverDidNotWeave() {
		this.runner.withPropertyValues("checkpointing.mode=aspectj")
			.withUserConfiguration(UnwovenConfiguration.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining(Unwoven.class.getName() + "#twice (bean 'unwoven') is @Checkpoint and was not woven")
				.hasMessageContaining("-javaagent:")
				.hasMessageContaining("checkpointing.mode=proxy"));
		assertThat(CheckpointWeaving.currentBinding()).isNull();
	}

	@Test
	void theSameBeanIsCheckpointedThroughItsProxyInProxyMode() {
		this.runner.withUserConfiguration(UnwovenConfiguration.class).run((context) -> {
			Unwoven unwoven = context.getBean(Unwoven.class);
			assertThat(unwoven.twice(2)).isEqualTo(4);
			assertThat(unwoven.twice(2)).isEqualTo(4);
			assertThat(context.getBean(CheckpointEngine.class).statistics().of("Unwoven#twice").hits()).isEqualTo(1);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UnwovenConfiguration {

		@Bean
		Unwoven unwoven() {
			return new Unwoven();
		}

	}

	static class Unwoven {

		@Checkpoint
		public int twice(int value) {
			return 2 * value;
		}

	}

}
