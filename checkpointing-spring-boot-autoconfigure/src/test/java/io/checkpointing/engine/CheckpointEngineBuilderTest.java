package io.checkpointing.engine;

import java.time.Duration;

import io.checkpointing.serial.JavaSerializer;
import io.checkpointing.store.MemoryBackend;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class CheckpointEngineBuilderTest {

	@Test
	void eachRefusedSettingIsNamedWhenItIsSet() {
		CheckpointEngineBuilder builder = CheckpointEngine.builder();
		assertThatIllegalArgumentException().isThrownBy(() -> builder.lockTimeout(Duration.ofSeconds(-1)))
			.withMessage("lockTimeout must not be negative, was PT-1S");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.timeToLive(Duration.ZERO))
			.withMessage("timeToLive must be positive, was PT0S");
		assertThatNullPointerException().isThrownBy(() -> builder.backend(null)).withMessage("backend must not be null");
		assertThatNullPointerException().isThrownBy(() -> builder.listener(null)).withMessage("listener must not be null");
	}

	@Test
	void theDefaultSerializerIsCheckedAgainstTheSerializersWhenBuilt() {
		CheckpointEngineBuilder builder = CheckpointEngine.builder().backend(new MemoryBackend()).defaultSerializer("java");
		assertThatIllegalArgumentException().isThrownBy(builder::build)
			.withMessage("defaultSerializer 'java' is not one of the serializers [json]");
		assertThat(builder.serializer(new JavaSerializer()).build().administration().defaultSerializer()).isEqualTo("java");
	}

	@Test
	void aLaterSettingReplacesAnEarlierOne() {
		CheckpointEngine engine = CheckpointEngine.builder()
			.backend(new MemoryBackend())
			.serializer(new JavaSerializer())
			.defaultSerializer("java")
			.defaultSerializer("json")
			.build();
		assertThat(engine.administration().defaultSerializer()).isEqualTo("json");
		assertThat(engine.administration().backend()).isInstanceOf(MemoryBackend.class);
	}

	@Test
	void withoutABackendEntriesGoToTheDefaultDirectory() {
		assertThat(CheckpointEngine.builder().build().administration().backend().location())
			.isEqualTo(CheckpointEngineBuilder.DEFAULT_DIRECTORY.toAbsolutePath().normalize().toString());
	}

}
