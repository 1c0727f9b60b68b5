package io.checkpointing.spring.autoconfigure;

import java.nio.file.Path;

import io.checkpointing.spring.actuate.CheckpointsEndpoint;
import io.checkpointing.spring.actuate.CheckpointsEndpoint.CheckpointsDescriptor;
import io.checkpointing.spring.actuate.CheckpointsEndpoint.MethodEntriesDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class CheckpointingEndpointAutoConfigurationTest {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, CheckpointingAutoConfiguration.class,
					CheckpointingEndpointAutoConfiguration.class))
			.withPropertyValues("checkpointing.directory=" + this.directory,
					"management.endpoints.web.exposure.include=checkpoints")
			.withUserConfiguration(Work.WorkConfiguration.class);
	}

	@Test
	void isDefinedWhenExposed() {
		runner().run((context) -> assertThat(context).hasSingleBean(CheckpointsEndpoint.class));
	}

	@Test
	void isAbsentWhenNotExposed() {
		runner().withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(CheckpointsEndpoint.class));
	}

	@Test
	void isAbsentWithoutActuator() {
		runner().withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CheckpointsEndpoint.class));
	}

	@Test
	void isAbsentWhenItsAccessIsNone() {
		// As in an application, where SpringApplication converts lower-case enum values.
		runner().withInitializer((context) -> context.getEnvironment().setConversionService(new ApplicationConversionService()))
			.withPropertyValues("management.endpoint.checkpoints.access=none")
			.run((context) -> assertThat(context).doesNotHaveBean(CheckpointsEndpoint.class));
	}

	@Test
	void isAbsentWhenDisabledTheOldWay() {
		runner().withPropertyValues("management.endpoint.checkpoints.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CheckpointsEndpoint.class));
	}

	@Test
	void readListsEachMethodWithItsEntriesAndCalls() {
		runner().run((context) -> {
			Work work = context.getBean(Work.class);
			work.square(3);
			work.square(3);
			work.square(4);
			CheckpointsDescriptor checkpoints = context.getBean(CheckpointsEndpoint.class).checkpoints();
			assertThat(checkpoints.backend()).isEqualTo("FilesystemBackend");
			assertThat(checkpoints.location()).isEqualTo(this.directory.toAbsolutePath().toString());
			assertThat(checkpoints.defaultSerializer()).isEqualTo("json");
			assertThat(checkpoints.methods()).containsOnlyKeys("Work#square");
			assertThat(checkpoints.methods().get("Work#square")).satisfies((method) -> {
				assertThat(method.entries()).isEqualTo(2);
				assertThat(method.bytes()).isPositive();
				assertThat(method.hits()).isEqualTo(1);
				assertThat(method.misses()).isEqualTo(2);
				assertThat(method.timeSavedSeconds()).isNotNegative();
			});
		});
	}

	@Test
	void readOfAMethodListsItsEntries() {
		runner().run((context) -> {
			Work work = context.getBean(Work.class);
			work.slow(7);
			CheckpointsEndpoint endpoint = context.getBean(CheckpointsEndpoint.class);
			MethodEntriesDescriptor slow = endpoint.method("Work#slow");
			assertThat(slow.entries()).singleElement().satisfies((entry) -> {
				assertThat(entry.key()).hasSize(64);
				assertThat(entry.arguments()).contains("7");
				assertThat(entry.computeDurationMs()).isGreaterThanOrEqualTo(20);
				assertThat(entry.size()).isPositive();
				assertThat(entry.created()).isNotNull();
				assertThat(entry.serializer()).isEqualTo("json");
			});
			assertThat(endpoint.method("Work#unknown")).isNull();
			assertThat(JsonMapper.shared().writeValueAsString(slow)).contains("\"computeDurationMs\"");
		});
	}

	@Test
	void readOfAMethodExplainsItsLastMiss() {
		runner().run((context) -> {
			Work work = context.getBean(Work.class);
			work.slow(7);
			work.slow(8);
			MethodEntriesDescriptor slow = context.getBean(CheckpointsEndpoint.class).method("Work#slow");
			assertThat(slow.lastMiss()).endsWith("changed").contains("argument 0");
		});
	}

	@Test
	void deleteOfAMethodEvictsItsEntries() {
		runner().run((context) -> {
			Work work = context.getBean(Work.class);
			work.square(3);
			work.square(4);
			work.slow(1);
			CheckpointsEndpoint endpoint = context.getBean(CheckpointsEndpoint.class);
			assertThat(endpoint.evict("Work#square").evicted()).isEqualTo(2);
			work.square(3);
			assertThat(work.runs()).isEqualTo(4);
			assertThat(endpoint.checkpoints().methods().get("Work#slow").entries()).isEqualTo(1);
		});
	}

	@Test
	void deleteEvictsEverything() {
		runner().run((context) -> {
			Work work = context.getBean(Work.class);
			work.square(3);
			work.slow(1);
			CheckpointsEndpoint endpoint = context.getBean(CheckpointsEndpoint.class);
			assertThat(endpoint.evictAll().evicted()).isEqualTo(2);
			assertThat(endpoint.checkpoints().methods().values()).allSatisfy((method) -> assertThat(method.entries()).isZero());
		});
	}

}
