package io.checkpointing.spring.autoconfigure;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.checkpointing.Checkpoint;
import io.checkpointing.Checkpoints;
import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.key.CallKey;
import io.checkpointing.serial.ResultSerializer;
import io.checkpointing.spring.CheckpointAspect;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.FilesystemBackend;
import io.checkpointing.store.MemoryBackend;
import io.checkpointing.store.StoredEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.ConversionFailedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CheckpointingAutoConfigurationTest {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, CheckpointingAutoConfiguration.class))
			.withPropertyValues("checkpointing.directory=" + this.directory)
			.withUserConfiguration(CheckpointedBeansConfiguration.class);
	}

	@Test
	void checkpointedBeanMethodsRunOncePerArgument() {
		runner().run((context) -> {
			Work work = context.getBean(Work.class);
			assertThat(work.square(3)).isEqualTo(9);
			assertThat(work.square(3)).isEqualTo(9);
			assertThat(work.runs()).isEqualTo(1);
			assertThat(context).hasSingleBean(CheckpointAspect.class).hasSingleBean(Checkpoints.class);
		});
	}

	@Test
	void aNativeImageFailsAtStartupSayingWhatIsNotSupported() {
		runner().withSystemProperties(NativeImageCheck.IMAGE_CODE + "=runtime").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("does not support GraalVM native images")
				.hasMessageContaining("checkpointing.enabled=false");
		});
	}

	@Test
	void aNativeImageWithCheckpointingDisabledStartsAndRunsMethodsPlainly() {
		runner().withSystemProperties(NativeImageCheck.IMAGE_CODE + "=runtime")
			.withPropertyValues("checkpointing.enabled=false")
			.run((context) -> {
				Work work = context.getBean(Work.class);
				work.square(3);
				work.square(3);
				assertThat(work.runs()).isEqualTo(2);
			});
	}

	@Test
	void bindsTheDirectoryAndDefaultsToTheFilesystem() {
		runner().run((context) -> {
			assertThat(context.getBean(CacheBackend.class)).isInstanceOfSatisfying(FilesystemBackend.class,
					(backend) -> assertThat(backend.directory()).isEqualTo(this.directory.toAbsolutePath()));
			context.getBean(Work.class).square(2);
			try (Stream<StoredEntry> entries = context.getBean(CacheBackend.class).list()) {
				assertThat(entries).singleElement()
					.satisfies((entry) -> assertThat(entry.header().methodName()).isEqualTo("Work#square"));
			}
		});
	}

	@Test
	void bindsTheFilesystemSizeLimit() {
		runner().withPropertyValues("checkpointing.filesystem.max-size=10MB")
			.run((context) -> assertThat(context.getBean(CacheBackend.class)).isInstanceOfSatisfying(FilesystemBackend.class,
					(backend) -> assertThat(backend.maxSize()).isEqualTo(10L * 1024 * 1024)));
		runner().run((context) -> assertThat(((FilesystemBackend) context.getBean(CacheBackend.class)).maxSize())
			.as("no limit unless set").isEqualTo(Long.MAX_VALUE));
	}

	@Test
	void aSizeLimitThatIsNotPositiveFailsAtStartupNamingTheProperty() {
		runner().withPropertyValues("checkpointing.filesystem.max-size=0B")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("checkpointing.filesystem.max-size")
				.hasMessageContaining("Use a positive size"));
	}

	@Test
	void bindsTheBackendSerializerAndPolicy() {
		runner().withPropertyValues("checkpointing.backend=memory", "checkpointing.serializer=smile",
				"checkpointing.on-error=raise")
			.run((context) -> {
				assertThat(context.getBean(CacheBackend.class)).isInstanceOf(MemoryBackend.class);
				Work work = context.getBean(Work.class);
				work.square(4);
				try (Stream<StoredEntry> entries = context.getBean(CacheBackend.class).list()) {
					assertThat(entries).singleElement()
						.satisfies((entry) -> assertThat(entry.header().serializerId()).isEqualTo("smile"));
				}
				assertThatExceptionOfType(io.checkpointing.CheckpointException.class)
					.isThrownBy(() -> work.sum(Stream.of(1)));
			});
	}

	@Test
	void disabledMakesEveryCheckpointedMethodRunPlainly() {
		runner().withPropertyValues("checkpointing.enabled=false").run((context) -> {
			Work work = context.getBean(Work.class);
			work.square(3);
			work.square(3);
			assertThat(work.runs()).isEqualTo(2);
			assertThat(this.directory).isEmptyDirectory();
		});
	}

	@Test
	void aUserBackendReplacesTheDefault() {
		runner().withUserConfiguration(UserBackendConfiguration.class).run((context) -> {
			assertThat(context.getBean(CacheBackend.class)).isInstanceOf(CountingBackend.class);
			context.getBean(Work.class).square(5);
			assertThat(context.getBean(CountingBackend.class).writes).hasValue(1);
		});
	}

	@Test
	void aUserSerializerIsSelectableByItsId() {
		runner().withUserConfiguration(UserSerializerConfiguration.class)
			.withPropertyValues("checkpointing.serializer=text")
			.run((context) -> {
				Work work = context.getBean(Work.class);
				work.square(6);
				assertThat(work.square(6)).isEqualTo(36);
				assertThat(context.getBean(TextSerializer.class).reads).hasValue(2);
			});
	}

	@Test
	void anUnknownSerializerFailsStartupNamingTheProperty() {
		runner().withPropertyValues("checkpointing.serializer=xml").run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.hasMessageContaining("checkpointing.serializer")
			.hasMessageContaining("xml")
			.hasMessageContaining("json"));
	}

	@Test
	void inheritIsNotAnApplicationWidePolicy() {
		runner().withPropertyValues("checkpointing.on-error=inherit")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(bindFailure(failure).getProperty().getName())
					.hasToString("checkpointing.on-error")));
	}

	@Test
	void anUnknownPolicyFailsListingOnlyTheApplicationWidePolicies() {
		runner().withPropertyValues("checkpointing.on-error=loud").run((context) -> {
			assertThat(context).hasFailed();
			BindException failure = bindFailure(context.getStartupFailure());
			assertThat(failure.getProperty().getName()).hasToString("checkpointing.on-error");
			// Spring Boot's failure analyzer lists the constants of the type that failed to convert.
			ConversionFailedException conversion = findCause(failure, ConversionFailedException.class);
			assertThat(conversion.getTargetType().getType().getEnumConstants()).extracting(Object::toString)
				.containsExactly("WARN", "RAISE", "IGNORE");
		});
	}

	@Test
	void anEngineBuilderCustomizerAdjustsWhatThePropertiesSet() {
		runner().withPropertyValues("checkpointing.backend=memory")
			.withBean("javaByDefault", CheckpointEngineBuilderCustomizer.class,
					() -> (builder) -> builder.defaultSerializer("java"))
			.run((context) -> {
				context.getBean(Work.class).square(4);
				try (Stream<StoredEntry> entries = context.getBean(CacheBackend.class).list()) {
					assertThat(entries).singleElement()
						.satisfies((entry) -> assertThat(entry.header().serializerId()).isEqualTo("java"));
				}
			});
	}

	@Test
	void engineBuilderCustomizersApplyInOrder() {
		runner().withUserConfiguration(OrderedCustomizersConfiguration.class).run((context) -> {
			assertThat(context.getBean(CheckpointEngine.class).administration().defaultSerializer()).isEqualTo("smile");
			assertThat(context.getBean(OrderedCustomizersConfiguration.class).applied).containsExactly("first", "second");
		});
	}

	@Test
	void aFilesystemBackendCustomizerAdjustsTheDirectory(@TempDir Path elsewhere) {
		runner().withBean(FilesystemBackendCustomizer.class, () -> (builder) -> builder.directory(elsewhere))
			.run((context) -> assertThat(context.getBean(CacheBackend.class)).isInstanceOfSatisfying(
					FilesystemBackend.class,
					(backend) -> assertThat(backend.directory()).isEqualTo(elsewhere.toAbsolutePath())));
	}

	@Test
	void theBackendBeanIsTheOneOfTheConfiguredType() {
		runner().withPropertyValues("checkpointing.backend=memory")
			.run((context) -> assertThat(context).hasSingleBean(CacheBackend.class)
				.hasSingleBean(MemoryBackend.class)
				.doesNotHaveBean(FilesystemBackend.class));
	}

	private static BindException bindFailure(Throwable failure) {
		BindException bind = findCause(failure, BindException.class);
		assertThat(bind).as("a binding failure").isNotNull();
		return bind;
	}

	private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		throw new AssertionError("no " + type.getSimpleName() + " in " + failure);
	}

	@Test
	void aShortSigningKeyFailsWithoutRepeatingIt() {
		runner().withPropertyValues("checkpointing.signing.key=too-short")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("checkpointing.signing.key")
				.hasMessageNotContaining("too-short"));
	}

	@Test
	void aTtlMustBePositive() {
		runner().withPropertyValues("checkpointing.ttl=0s")
			.run((context) -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("checkpointing.ttl"));
	}

	@Test
	void aLockTimeoutMustNotBeNegative() {
		runner().withPropertyValues("checkpointing.lock.timeout=-1s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("checkpointing.lock.timeout"));
	}

	@Test
	void aUserEngineReplacesTheDefault() {
		runner().withUserConfiguration(UserEngineConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(CheckpointEngine.class);
			assertThat(context.getBean(CheckpointEngine.class)).isSameAs(UserEngineConfiguration.ENGINE);
		});
	}

	@Test
	void worksBehindInterfaceBasedJdkProxies() {
		runner().withPropertyValues("spring.aop.proxy-target-class=false").run((context) -> {
			Doubler doubler = context.getBean(Doubler.class);
			assertThat(java.lang.reflect.Proxy.isProxyClass(doubler.getClass())).isTrue();
			doubler.twice(4);
			assertThat(doubler.twice(4)).isEqualTo(8);
			assertThat(context.getBean(CheckpointedBeansConfiguration.class).doublerRuns).hasValue(1);
		});
	}

	@Test
	void keyContributorBeansJoinTheKeysOfTheMethodsTheySelect() {
		runner().withUserConfiguration(DatasetVersionConfiguration.class).run((context) -> {
			Work work = context.getBean(Work.class);
			java.util.concurrent.atomic.AtomicReference<String> version = context.getBean(DatasetVersionConfiguration.class).version;
			work.square(3);
			work.square(3);
			assertThat(work.runs()).isEqualTo(1);
			version.set("v2");
			work.square(3);
			assertThat(work.runs()).as("a new data set version reruns").isEqualTo(2);
			assertThat(context.getBean(Checkpoints.class).explain(() -> {
				version.set("v3");
				work.square(3);
			})).endsWith("key contributor `dataset` changed");
		});
	}

	@Test
	void aKeyStrategyBeanReplacesTheIdentityAsInThePythonPackagesExample() {
		runner().withBean(io.checkpointing.key.KeyStrategy.class,
				() -> (method, target, arguments) -> method.getName())
			.run((context) -> {
				Work work = context.getBean(Work.class);
				assertThat(work.square(2)).isEqualTo(4);
				assertThat(work.square(3)).as("identified by the method name only").isEqualTo(4);
				assertThat(work.runs()).isEqualTo(1);
			});
	}

	@Test
	void aKeyStrategyIdentityIsScopedToItsMethod() {
		runner().withBean(io.checkpointing.key.KeyStrategy.class, () -> (method, target, arguments) -> "same")
			.run((context) -> {
				Work work = context.getBean(Work.class);
				assertThat(work.square(3)).isEqualTo(9);
				assertThat(work.slow(5)).as("another method never gets square's result").isEqualTo(5);
			});
	}

	@Test
	void rerunReplacesTheStoredResult() {
		runner().run((context) -> {
			Work work = context.getBean(Work.class);
			Checkpoints checkpoints = context.getBean(Checkpoints.class);
			work.square(7);
			assertThat(checkpoints.rerun(() -> work.square(7))).isEqualTo(49);
			assertThat(work.runs()).isEqualTo(2);
			work.square(7);
			assertThat(work.runs()).isEqualTo(2);
		});
	}

	public interface Doubler {

		int twice(int value);

	}

	@Configuration(proxyBeanMethods = false)
	static class CheckpointedBeansConfiguration {

		final AtomicInteger doublerRuns = new AtomicInteger();

		@Bean
		Work work() {
			return new Work();
		}

		@Bean
		Doubler doubler() {
			return new Doubler() {
				@Override
				@Checkpoint
				public int twice(int value) {
					CheckpointedBeansConfiguration.this.doublerRuns.incrementAndGet();
					return value * 2;
				}
			};
		}

	}

	static class CountingBackend implements CacheBackend {

		final AtomicInteger writes = new AtomicInteger();

		private final MemoryBackend delegate = new MemoryBackend();

		@Override
		public Optional<ByteBuffer> read(CallKey key) {
			return this.delegate.read(key);
		}

		@Override
		public void write(CallKey key, ByteBuffer entry) {
			this.writes.incrementAndGet();
			this.delegate.write(key, entry);
		}

		@Override
		public boolean delete(CallKey key) {
			return this.delegate.delete(key);
		}

		@Override
		public Stream<StoredEntry> list() {
			return this.delegate.list();
		}

		@Override
		public void clear() {
			this.delegate.clear();
		}

		@Override
		public String location() {
			return "counting";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBackendConfiguration {

		@Bean
		CountingBackend countingBackend() {
			return new CountingBackend();
		}

	}

	/** Stores integers as decimal text. */
	static class TextSerializer implements ResultSerializer {

		final AtomicInteger reads = new AtomicInteger();

		@Override
		public String id() {
			return "text";
		}

		@Override
		public void write(Object value, Type type, OutputStream out) throws java.io.IOException {
			out.write(String.valueOf(value).getBytes());
		}

		@Override
		public Object read(InputStream in, Type type) throws java.io.IOException {
			this.reads.incrementAndGet();
			return Integer.valueOf(new String(in.readAllBytes()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserSerializerConfiguration {

		@Bean
		TextSerializer textSerializer() {
			return new TextSerializer();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DatasetVersionConfiguration {

		final java.util.concurrent.atomic.AtomicReference<String> version = new java.util.concurrent.atomic.AtomicReference<>(
				"v1");

		@Bean
		io.checkpointing.key.KeyContributor datasetVersion() {
			return new io.checkpointing.key.KeyContributor() {

				@Override
				public String name() {
					return "dataset";
				}

				@Override
				public boolean appliesTo(java.lang.reflect.Method method) {
					return method.getName().equals("square");
				}

				@Override
				public Object contribution(java.lang.reflect.Method method) {
					return DatasetVersionConfiguration.this.version.get();
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedCustomizersConfiguration {

		final java.util.List<String> applied = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Bean
		@org.springframework.core.annotation.Order(2)
		CheckpointEngineBuilderCustomizer second() {
			return (builder) -> {
				this.applied.add("second");
				builder.defaultSerializer("smile");
			};
		}

		@Bean
		@org.springframework.core.annotation.Order(1)
		CheckpointEngineBuilderCustomizer first() {
			return (builder) -> {
				this.applied.add("first");
				builder.defaultSerializer("cbor");
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserEngineConfiguration {

		static final CheckpointEngine ENGINE = CheckpointEngine.builder().backend(new MemoryBackend()).build();

		@Bean
		CheckpointEngine userEngine() {
			return ENGINE;
		}

	}

}
