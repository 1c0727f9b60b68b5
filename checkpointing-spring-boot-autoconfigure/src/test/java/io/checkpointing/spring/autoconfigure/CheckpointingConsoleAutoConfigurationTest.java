package io.checkpointing.spring.autoconfigure;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.spring.console.CheckpointsConsoleEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class CheckpointingConsoleAutoConfigurationTest {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, CheckpointingAutoConfiguration.class,
					CheckpointingConsoleAutoConfiguration.class))
			.withPropertyValues("checkpointing.directory=" + this.directory,
					"management.endpoints.web.exposure.include=checkpointsconsole")
			.withUserConfiguration(Work.WorkConfiguration.class);
	}

	@Test
	void offByDefaultTheEngineRecordsNoRecentCalls() {
		runner().run((context) -> {
			assertThat(context).doesNotHaveBean(CheckpointsConsoleEndpoint.class);
			assertThat(context.getBean(CheckpointEngine.class).administration().recentCalls().perMethod()).isZero();
		});
	}

	@Test
	void onTheEngineKeepsTheConfiguredNumberOfRecentCalls() {
		runner().withPropertyValues("checkpointing.console.enabled=true", "checkpointing.console.recent-calls=7")
			.run((context) -> {
				assertThat(context).hasSingleBean(CheckpointsConsoleEndpoint.class);
				assertThat(context.getBean(CheckpointEngine.class).administration().recentCalls().perMethod()).isEqualTo(7);
			});
	}

	@ParameterizedTest
	@ValueSource(ints = { -1, 0, 10_001 })
	void aNumberOfRecentCallsOutOfRangeIsRefusedNamingTheProperty(int recentCalls) {
		runner().withPropertyValues("checkpointing.console.enabled=true", "checkpointing.console.recent-calls=" + recentCalls)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("checkpointing.console.recent-calls")
				.hasMessageContaining("Use 1 to 10000"));
	}

	@Test
	void aRefreshUnderASecondIsRefusedNamingTheProperty() {
		runner().withPropertyValues("checkpointing.console.enabled=true", "checkpointing.console.refresh=200ms")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("checkpointing.console.refresh"));
	}

	@Test
	void theExposureKeepsTheApplicationsListAndAddsTheConsole() {
		assertThat(includeAfterExposure(Map.of("checkpointing.console.enabled", "true",
				"management.endpoints.web.exposure.include[0]", "health",
				"management.endpoints.web.exposure.include[1]", "metrics")))
			.isEqualTo("health,metrics,checkpointsconsole");
		assertThat(includeAfterExposure(Map.of("checkpointing.console.enabled", "true")))
			.isEqualTo("health,checkpointsconsole");
	}

	@Test
	void theExposureChangesNothingWhenTheConsoleIsOffOrEverythingIsExposed() {
		assertThat(includeAfterExposure(Map.of("management.endpoints.web.exposure.include", "health"))).isEqualTo("health");
		assertThat(includeAfterExposure(Map.of("checkpointing.console.enabled", "true",
				"management.endpoints.web.exposure.include", "*")))
			.isEqualTo("*");
	}

	private static String includeAfterExposure(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addLast(new MapPropertySource("application", properties));
		new ConsoleEndpointExposure().postProcessEnvironment(environment, new SpringApplication());
		List<String> include = Binder.get(environment)
			.bind("management.endpoints.web.exposure.include", Bindable.listOf(String.class))
			.orElse(List.of());
		return String.join(",", include);
	}

}
