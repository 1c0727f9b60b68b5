package io.checkpointing.spring.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.checkpointing.Checkpoint;
import io.checkpointing.Checkpoints;
import io.checkpointing.Pruned;
import io.checkpointing.key.CallKey;
import io.checkpointing.key.KeyComponent;
import io.checkpointing.key.KeyStrategy;
import io.checkpointing.services.SharedServices;
import io.checkpointing.services.SharedServices.PostgresEndpoint;
import io.checkpointing.spring.actuate.CheckpointsEndpoint;
import io.checkpointing.spring.actuate.CheckpointsEndpoint.PruneDescriptor;
import io.checkpointing.spring.interfaces.Pricing;
import io.checkpointing.spring.interfaces.ToyPricing;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.FilesystemBackend;
import io.checkpointing.store.StoredEntry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Pruning the entries of old code: only entries of methods this application has, written under a
 * code fingerprint none of them has now, on every backend, with the bytes they took.
 */
@ExtendWith(OutputCaptureExtension.class)
class PruneOldCodeTest {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, DataRedisAutoConfiguration.class,
					DataSourceAutoConfiguration.class, CheckpointingAutoConfiguration.class,
					CheckpointingEndpointAutoConfiguration.class))
			.withPropertyValues("checkpointing.directory=" + this.directory,
					"management.endpoints.web.exposure.include=checkpoints")
			.withUserConfiguration(Work.WorkConfiguration.class);
	}

	@Test
	void onTheFilesystemOnlyEntriesOfOldCodeOfKnownMethodsArePrunedAndTheirFoldersGo() {
		runner().run((context) -> {
			prunesOnlyOldCodeOfKnownMethods(context);
			try (Stream<Path> folders = Files.list(this.directory)) {
				assertThat(folders.filter(Files::isDirectory))
					.as("no folder left empty")
					.allSatisfy((folder) -> assertThat(folder).isNotEmptyDirectory());
			}
		});
	}

	@Test
	void inMemoryOnlyEntriesOfOldCodeOfKnownMethodsArePruned() {
		runner().withPropertyValues("checkpointing.backend=memory").run(this::prunesOnlyOldCodeOfKnownMethods);
	}

	@Tag("services")
	@Test
	void inRedisOnlyEntriesOfOldCodeOfKnownMethodsArePruned() {
		runner()
			.withPropertyValues("checkpointing.backend=redis", "spring.data.redis.url=" + SharedServices.redis().url(),
					"checkpointing.redis.key-prefix=" + SharedServices.uniqueName("prune") + ":")
			.run((context) -> {
				try {
					prunesOnlyOldCodeOfKnownMethods(context);
				}
				finally {
					context.getBean(CacheBackend.class).clear();
				}
			});
	}

	@Tag("services")
	@Test
	void inPostgresOnlyEntriesOfOldCodeOfKnownMethodsArePruned() {
		PostgresEndpoint postgres = SharedServices.postgres();
		String table = SharedServices.uniqueName("prune");
		runner()
			.withPropertyValues("checkpointing.backend=jdbc", "checkpointing.jdbc.table-name=" + table,
					"spring.datasource.url=" + postgres.jdbcUrl(), "spring.datasource.username=" + postgres.username(),
					"spring.datasource.password=" + postgres.password())
			.run((context) -> {
				try {
					prunesOnlyOldCodeOfKnownMethods(context);
				}
				finally {
					try (Connection connection = postgres.connect(); Statement drop = connection.createStatement()) {
						drop.execute("DROP TABLE IF EXISTS " + table);
					}
				}
			});
	}

	/**
	 * {@code Work#square} is called, {@code Work#slow} is only known from the bean, and
	 * {@code Invoices#total} is not a method of this application.
	 */
	private void prunesOnlyOldCodeOfKnownMethods(AssertableApplicationContext context) throws IOException {
		assertThat(context).hasNotFailed();
		CacheBackend backend = context.getBean(CacheBackend.class);
		Work work = context.getBean(Work.class);
		work.square(3);
		StoredEntry current = OldCodeEntries.entriesOf(backend, "Work#square").get(0);
		long currentFingerprint = codeFingerprint(current);
		CallKey sameCode = OldCodeEntries.plantCurrentCode(backend, current);
		CallKey oldSquare = OldCodeEntries.plantOldCode(backend, "Work#square", currentFingerprint + 1);
		CallKey oldSlow = OldCodeEntries.plantOldCode(backend, "Work#slow", currentFingerprint + 2);
		CallKey otherApplication = OldCodeEntries.plantOldCode(backend, "Invoices#total", currentFingerprint + 3);
		CallKey byStrategy = OldCodeEntries.plantByStrategy(backend, "Work#square");
		Map<CallKey, StoredEntry> before = OldCodeEntries.entries(backend);

		Pruned pruned = context.getBean(Checkpoints.class).pruneOldCode();

		assertThat(pruned.entries()).isEqualTo(2);
		assertThat(pruned.bytesReclaimed()).isPositive()
			.isEqualTo(before.get(oldSquare).size() + before.get(oldSlow).size());
		assertThat(pruned.entriesByMethod()).containsOnly(entry("Work#square", 1), entry("Work#slow", 1));
		assertThat(OldCodeEntries.entries(backend).keySet()).containsExactlyInAnyOrder(current.key(), sameCode,
				otherApplication, byStrategy);
		work.square(3);
		assertThat(work.runs()).as("the current entry still hits").isEqualTo(1);
		assertThat(context.getBean(Checkpoints.class).pruneOldCode().entries()).as("nothing left to prune").isZero();
	}

	@Test
	void theEndpointPrunesAndReportsTheBytesReclaimed() {
		runner().run((context) -> {
			CacheBackend backend = context.getBean(CacheBackend.class);
			context.getBean(Work.class).square(3);
			long currentFingerprint = codeFingerprint(OldCodeEntries.entriesOf(backend, "Work#square").get(0));
			CallKey old = OldCodeEntries.plantOldCode(backend, "Work#square", currentFingerprint + 1);
			long size = OldCodeEntries.entries(backend).get(old).size();
			PruneDescriptor pruned = (PruneDescriptor) context.getBean(CheckpointsEndpoint.class).change(null, true);
			assertThat(pruned.pruned()).isEqualTo(1);
			assertThat(pruned.bytesReclaimed()).isEqualTo(size);
			assertThat(pruned.methods()).containsOnly(entry("Work#square", 1));
		});
	}

	@Test
	void overloadsShareTheirNameAndKeepEachOthersEntries() {
		runner().withUserConfiguration(Overloads.OverloadsConfiguration.class).run((context) -> {
			Overloads overloads = context.getBean(Overloads.class);
			overloads.twice(2);
			overloads.twice("a");
			CacheBackend backend = context.getBean(CacheBackend.class);
			assertThat(OldCodeEntries.entriesOf(backend, "Overloads#twice")).hasSize(2);
			assertThat(context.getBean(Checkpoints.class).pruneOldCode().entries()).isZero();
			assertThat(OldCodeEntries.entriesOf(backend, "Overloads#twice")).hasSize(2);
		});
	}

	@Test
	void aVersionedMethodKeepsItsEntriesAndLosesThoseWrittenBeforeItsVersion() {
		runner().withUserConfiguration(Versioned.VersionedConfiguration.class).run((context) -> {
			context.getBean(Versioned.class).half(8);
			CacheBackend backend = context.getBean(CacheBackend.class);
			StoredEntry current = OldCodeEntries.entriesOf(backend, "Versioned#half").get(0);
			assertThat(current.header().components()).anySatisfy(
					(component) -> assertThat(component.kind()).isEqualTo(KeyComponent.Kind.VERSION));
			// The same code, written before @Checkpoint(version = "2") was added: its key holds no version.
			CallKey unversioned = OldCodeEntries.plantOldCode(backend, "Versioned#half", codeFingerprint(current));
			assertThat(context.getBean(Checkpoints.class).pruneOldCode().entries()).isEqualTo(1);
			assertThat(OldCodeEntries.entries(backend).keySet()).containsExactly(current.key()).doesNotContain(unversioned);
		});
	}

	@Test
	void withAKeyStrategyNothingIsPruned() {
		runner().withBean(KeyStrategy.class, () -> (method, target, arguments) -> List.of(arguments))
			.run((context) -> {
				CacheBackend backend = context.getBean(CacheBackend.class);
				OldCodeEntries.plantOldCode(backend, "Work#square", 42);
				assertThat(context.getBean(Checkpoints.class).pruneOldCode().entries()).isZero();
				assertThat(OldCodeEntries.entriesOf(backend, "Work#square")).hasSize(1);
			});
	}

	@Test
	void pruneOnStartupRemovesTheEntriesOfOldCodeBeforeTheFirstCall(CapturedOutput output) throws IOException {
		runner().run((context) -> context.getBean(Work.class).square(3));
		FilesystemBackend store = new FilesystemBackend(this.directory);
		StoredEntry current = OldCodeEntries.entriesOf(store, "Work#square").get(0);
		CallKey old = OldCodeEntries.plantOldCode(store, "Work#slow", codeFingerprint(current) + 1);
		long size = OldCodeEntries.entries(store).get(old).size();
		runner().withPropertyValues("checkpointing.prune-on-startup=true").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(OldCodeEntries.entries(store).keySet()).containsExactly(current.key());
		});
		assertThat(output).contains("Pruned 1 entries of old code (" + size + " bytes) from " + this.directory)
			.contains("{Work#slow=1}");
	}

	@Test
	void methodsDeclaredAtStartupKeepTheirCurrentEntriesAndLoseTheirOldOnes() throws IOException {
		// The first run stores results of a class's method and of one checkpointed on its interface.
		runner().withBean(ToyPricing.class).run((context) -> {
			context.getBean(Work.class).square(3);
			context.getBean(Pricing.class).price(2);
		});
		FilesystemBackend store = new FilesystemBackend(this.directory);
		StoredEntry square = OldCodeEntries.entriesOf(store, "Work#square").get(0);
		StoredEntry price = OldCodeEntries.entriesOf(store, "ToyPricing#price").get(0);
		CallKey oldPrice = OldCodeEntries.plantOldCode(store, "ToyPricing#price", codeFingerprint(price) + 1);
		// The next run calls nothing: the methods are known from the beans alone.
		runner().withBean(ToyPricing.class).run((context) -> {
			Pruned pruned = context.getBean(Checkpoints.class).pruneOldCode();
			assertThat(pruned.entriesByMethod()).containsOnly(entry("ToyPricing#price", 1));
		});
		assertThat(OldCodeEntries.entries(store).keySet()).containsExactlyInAnyOrder(square.key(), price.key())
			.doesNotContain(oldPrice);
	}

	@Test
	void withoutPruneOnStartupNothingIsPruned() throws IOException {
		FilesystemBackend store = new FilesystemBackend(this.directory);
		OldCodeEntries.plantOldCode(store, "Work#slow", 42);
		runner().run((context) -> assertThat(OldCodeEntries.entriesOf(store, "Work#slow")).hasSize(1));
	}

	@Test
	void aStoreThatCannotBeReachedAtStartupUnderRaiseFailsTheStartup() {
		runner().withPropertyValues("checkpointing.prune-on-startup=true", "checkpointing.on-error=raise",
				"checkpointing.backend=redis", "spring.data.redis.url=redis://127.0.0.1:1",
				"spring.data.redis.connect-timeout=2s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("Cannot list the entries in")
				.hasStackTraceContaining("to prune them"));
	}

	@Test
	void aStoreThatCannotBeReachedAtStartupIsAWarningAndTheApplicationStarts(CapturedOutput output) {
		// Nothing listens on port 1: the connection is refused.
		runner().withPropertyValues("checkpointing.prune-on-startup=true", "checkpointing.backend=redis",
				"spring.data.redis.url=redis://127.0.0.1:1", "spring.data.redis.connect-timeout=2s")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains("checkpointing.prune-on-startup: Cannot list the entries in").contains("The entries are kept");
	}

	private static long codeFingerprint(StoredEntry entry) {
		return entry.header().components().stream()
			.filter((component) -> component.kind() == KeyComponent.Kind.CODE)
			.findFirst()
			.orElseThrow()
			.hash();
	}

	/** A method whose results have a version of their own. */
	public static class Versioned {

		@Checkpoint(version = "2")
		public int half(int value) {
			return value / 2;
		}

		@Configuration(proxyBeanMethods = false)
		static class VersionedConfiguration {

			@Bean
			Versioned versioned() {
				return new Versioned();
			}

		}

	}

	/** Two methods of one display name. */
	public static class Overloads {

		@Checkpoint
		public int twice(int value) {
			return 2 * value;
		}

		@Checkpoint
		public String twice(String value) {
			return value + value;
		}

		@Configuration(proxyBeanMethods = false)
		static class OverloadsConfiguration {

			@Bean
			Overloads overloads() {
				return new Overloads();
			}

		}

	}

}
