package io.checkpointing.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.checkpointing.Checkpoint;
import io.checkpointing.Checkpoints;
import io.checkpointing.key.CallKey;
import io.checkpointing.key.KeyContributor;
import io.checkpointing.key.KeyStrategy;
import io.checkpointing.serial.ResultSerializer;
import io.checkpointing.spring.autoconfigure.CheckpointingAutoConfiguration;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.DamagedEntryException;
import io.checkpointing.store.EntryFormat;
import io.checkpointing.store.EntryHeader;
import io.checkpointing.store.StoredEntry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compiles and runs the four examples of {@code docs/extending.md}. The nested classes
 * {@link FlatDirectoryBackend}, {@link FlatDirectoryBackendConfiguration},
 * {@link TextSerializer}, {@link TextSerializerConfiguration},
 * {@link DatasetVersionConfiguration} and {@link ByMethodNameConfiguration} are the code the page
 * shows, character for character: change both together.
 */
class ExtendingExamplesTest {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, CheckpointingAutoConfiguration.class))
			.withPropertyValues("checkpointing.directory=" + this.directory.resolve("default"))
			.withUserConfiguration(ReportsConfiguration.class);
	}

	@Test
	void aCacheBackendBeanStoresTheEntriesAndALaterContextHitsThroughIt() {
		Path store = this.directory.resolve("flat");
		ApplicationContextRunner runner = runner().withUserConfiguration(FlatDirectoryBackendConfiguration.class)
			.withPropertyValues("reports.checkpoints=" + store);
		runner.run((context) -> {
			assertThat(context.getBean(CacheBackend.class)).isInstanceOf(FlatDirectoryBackend.class);
			assertThat(context.getBean(CacheBackend.class).location()).isEqualTo(store.toString());
			Reports reports = context.getBean(Reports.class);
			assertThat(reports.summary(2024)).isEqualTo("report 2024");
			assertThat(reports.summary(2024)).isEqualTo("report 2024");
			assertThat(reports.runs()).isEqualTo(1);
			try (Stream<StoredEntry> entries = context.getBean(CacheBackend.class).list()) {
				assertThat(entries).singleElement()
					.satisfies((entry) -> assertThat(entry.header().methodName()).isEqualTo("Reports#summary"));
			}
			assertThat(store).isDirectoryContaining("glob:**.ckpt");
		});
		// A new context, as after a restart: the entry comes back from the backend's files.
		runner.run((context) -> {
			Reports reports = context.getBean(Reports.class);
			assertThat(reports.summary(2024)).isEqualTo("report 2024");
			assertThat(reports.runs()).isZero();
			context.getBean(CacheBackend.class).clear();
			assertThat(reports.summary(2024)).isEqualTo("report 2024");
			assertThat(reports.runs()).isEqualTo(1);
		});
		assertThat(this.directory.resolve("default")).doesNotExist();
	}

	@Test
	void aResultSerializerBeanIsSelectedByItsId() {
		runner().withUserConfiguration(TextSerializerConfiguration.class)
			.withPropertyValues("checkpointing.backend=memory", "checkpointing.serializer=text")
			.run((context) -> {
				Reports reports = context.getBean(Reports.class);
				assertThat(reports.summary(2024)).isEqualTo("report 2024");
				assertThat(reports.summary(2024)).isEqualTo("report 2024");
				assertThat(reports.runs()).isEqualTo(1);
				try (Stream<StoredEntry> entries = context.getBean(CacheBackend.class).list()) {
					assertThat(entries).singleElement()
						.satisfies((entry) -> assertThat(entry.header().serializerId()).isEqualTo("text"));
				}
			});
	}

	@Test
	void aKeyContributorBeanRerunsWhenItsValueChanges() {
		runner().withUserConfiguration(DatasetVersionConfiguration.class)
			.withPropertyValues("dataset.version=v1")
			.run((context) -> {
				Reports reports = context.getBean(Reports.class);
				reports.summary(2024);
				reports.summary(2024);
				assertThat(reports.runs()).isEqualTo(1);
			});
		runner().withUserConfiguration(DatasetVersionConfiguration.class)
			.withPropertyValues("dataset.version=v2")
			.run((context) -> {
				Reports reports = context.getBean(Reports.class);
				assertThat(context.getBean(Checkpoints.class).explain(() -> reports.summary(2024)))
					.endsWith("key contributor `dataset` changed");
				reports.summary(2024);
				assertThat(reports.runs()).as("a new data set version reruns").isEqualTo(1);
			});
		runner().withUserConfiguration(DatasetVersionConfiguration.class)
			.withPropertyValues("dataset.version=v1")
			.run((context) -> {
				Reports reports = context.getBean(Reports.class);
				reports.summary(2024);
				assertThat(reports.runs()).as("the first version's result is still stored").isZero();
			});
	}

	@Test
	void aKeyStrategyBeanMakesCallsWithDifferentArgumentsShareOneResult() {
		runner().withUserConfiguration(ByMethodNameConfiguration.class).run((context) -> {
			Reports reports = context.getBean(Reports.class);
			assertThat(reports.summary(2024)).isEqualTo("report 2024");
			assertThat(reports.summary(2025)).as("identified by the method name only").isEqualTo("report 2024");
			assertThat(reports.runs()).isEqualTo(1);
		});
	}

	/** The checkpointed bean the examples are tried on. */
	public static class Reports {

		private final AtomicInteger runs = new AtomicInteger();

		/** Read through a method: a field read on a class proxy would see the proxy's own field. */
		public int runs() {
			return this.runs.get();
		}

		@Checkpoint
		public String summary(int year) {
			this.runs.incrementAndGet();
			return "report " + year;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReportsConfiguration {

		@Bean
		Reports reports() {
			return new Reports();
		}

	}

	// Example 1: a CacheBackend (docs/extending.md)

	/**
	 * Keeps each entry in a file named after its key, all in one flat directory. A write goes to a
	 * temporary file first and is then moved into place, so a reader sees the old entry or the new
	 * one, never a partial file.
	 */
	public static class FlatDirectoryBackend implements CacheBackend {

		private static final String SUFFIX = ".ckpt";

		private final Path directory;

		public FlatDirectoryBackend(Path directory) {
			this.directory = directory.toAbsolutePath();
		}

		@Override
		public Optional<ByteBuffer> read(CallKey key) throws IOException {
			try {
				return Optional.of(ByteBuffer.wrap(Files.readAllBytes(file(key))));
			}
			catch (NoSuchFileException ex) {
				return Optional.empty();
			}
		}

		@Override
		public void write(CallKey key, ByteBuffer entry) throws IOException {
			byte[] bytes = new byte[entry.remaining()];
			entry.duplicate().get(bytes);
			Files.createDirectories(this.directory);
			Path temporary = Files.createTempFile(this.directory, key.hex(), ".tmp");
			try {
				Files.write(temporary, bytes);
				Files.move(temporary, file(key), StandardCopyOption.ATOMIC_MOVE,
						StandardCopyOption.REPLACE_EXISTING);
			}
			finally {
				Files.deleteIfExists(temporary);
			}
		}

		@Override
		public boolean delete(CallKey key) throws IOException {
			return Files.deleteIfExists(file(key));
		}

		@Override
		public Stream<StoredEntry> list() throws IOException {
			if (!Files.isDirectory(this.directory)) {
				return Stream.empty();
			}
			return Files.list(this.directory)
				.filter((file) -> file.getFileName().toString().endsWith(SUFFIX))
				.flatMap(this::stored);
		}

		@Override
		public void clear() throws IOException {
			if (!Files.isDirectory(this.directory)) {
				return;
			}
			try (Stream<Path> files = Files.list(this.directory)) {
				for (Path file : files.filter((candidate) -> candidate.getFileName().toString().endsWith(SUFFIX)).toList()) {
					Files.deleteIfExists(file);
				}
			}
		}

		@Override
		public String location() {
			return this.directory.toString();
		}

		private Path file(CallKey key) {
			return this.directory.resolve(key.hex() + SUFFIX);
		}

		/** The entry in a file, or nothing if it is not an entry, is damaged, or was deleted meanwhile. */
		private Stream<StoredEntry> stored(Path file) {
			String name = file.getFileName().toString();
			try (InputStream in = Files.newInputStream(file)) {
				CallKey key = CallKey.fromHex(name.substring(0, name.length() - SUFFIX.length()));
				EntryHeader header = EntryFormat.readHeader(in);
				return Stream.of(new StoredEntry(key, Files.size(file), header));
			}
			catch (IOException | DamagedEntryException | IllegalArgumentException ex) {
				return Stream.empty();
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FlatDirectoryBackendConfiguration {

		@Bean
		FlatDirectoryBackend flatDirectoryBackend(@Value("${reports.checkpoints}") String directory) {
			return new FlatDirectoryBackend(Path.of(directory));
		}

	}

	// Example 2: a ResultSerializer (docs/extending.md)

	/** Stores {@code String} results as UTF-8 text, so that entries can be read with any editor. */
	public static class TextSerializer implements ResultSerializer {

		@Override
		public String id() {
			return "text";
		}

		@Override
		public void write(@Nullable Object value, Type type, OutputStream out) throws IOException {
			if (!(value instanceof String text)) {
				throw new IOException("The text serializer stores non-null String results only, not " + type);
			}
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public @Nullable Object read(InputStream in, Type type) throws IOException {
			if (type != String.class) {
				throw new IOException("The text serializer reads String results only, not " + type);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TextSerializerConfiguration {

		@Bean
		TextSerializer textSerializer() {
			return new TextSerializer();
		}

	}

	// Example 3: a KeyContributor (docs/extending.md)

	@Configuration(proxyBeanMethods = false)
	static class DatasetVersionConfiguration {

		/** Every checkpointed method reruns when {@code dataset.version} changes. */
		@Bean
		KeyContributor datasetVersion(@Value("${dataset.version}") String version) {
			return KeyContributor.of("dataset", (method) -> version);
		}

	}

	// Example 4: a KeyStrategy (docs/extending.md)

	@Configuration(proxyBeanMethods = false)
	static class ByMethodNameConfiguration {

		/** Identifies a call by its method's name only: one stored result per method. */
		@Bean
		KeyStrategy byMethodName() {
			return (method, target, arguments) -> method.getName();
		}

	}

}
