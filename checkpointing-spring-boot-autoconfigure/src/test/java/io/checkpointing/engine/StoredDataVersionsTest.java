package io.checkpointing.engine;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.checkpointing.store.MemoryBackend;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data versions in a store that two instances share: a change moves the version at once in the
 * instance that made it, and in the other once its refresh interval has passed.
 */
class StoredDataVersionsTest {

	private static final Duration REFRESH = Duration.ofSeconds(1);

	private final MemoryBackend store = new MemoryBackend();

	private final AtomicLong nanos = new AtomicLong();

	private final StoredDataVersions here = new StoredDataVersions(this.store, null, REFRESH, this.nanos::get);

	private final StoredDataVersions there = new StoredDataVersions(this.store, null, REFRESH, this.nanos::get);

	@Test
	void instancesThatShareAStoreAgreeOnAVersion() {
		assertThat(this.there.versionOf("demo.Vet")).isEqualTo(this.here.versionOf("demo.Vet"));
	}

	@Test
	void aChangeIsSeenAtOnceHereAndAfterTheRefreshIntervalThere() {
		String before = this.there.versionOf("demo.Vet");
		this.here.changed("demo.Vet");
		assertThat(this.here.versionOf("demo.Vet")).isNotEqualTo(before);
		assertThat(this.there.versionOf("demo.Vet")).as("within the staleness window").isEqualTo(before);
		this.nanos.addAndGet(REFRESH.toNanos());
		assertThat(this.there.versionOf("demo.Vet")).isEqualTo(this.here.versionOf("demo.Vet")).isNotEqualTo(before);
	}

	@Test
	void aChangeOfOneTypeLeavesTheOthers() {
		String owners = this.here.versionOf("demo.Owner");
		this.here.changed("demo.Vet");
		assertThat(this.here.versionOf("demo.Owner")).isEqualTo(owners);
	}

	@Test
	void aVersionRemovedFromTheStoreComesBackAsANewOneNeverTheFormer() throws Exception {
		StoredDataVersions fresh = new StoredDataVersions(this.store, null, Duration.ZERO, this.nanos::get);
		String first = fresh.versionOf("demo.Vet");
		this.store.clear();
		assertThat(fresh.versionOf("demo.Vet")).isNotEqualTo(first);
	}

	@Test
	void versionsAreListedAsEntriesNamedForTheirType() throws Exception {
		this.here.versionOf("demo.Vet");
		try (var entries = this.store.list()) {
			assertThat(entries.map((entry) -> entry.header().methodName())).containsExactly("data version of demo.Vet");
		}
	}

}
