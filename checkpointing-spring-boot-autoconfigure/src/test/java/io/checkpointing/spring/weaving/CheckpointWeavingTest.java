package io.checkpointing.spring.weaving;

import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.store.MemoryBackend;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CheckpointWeavingTest {

	private final CheckpointEngine first = CheckpointEngine.builder().backend(new MemoryBackend()).build();

	private final CheckpointEngine second = CheckpointEngine.builder().backend(new MemoryBackend()).build();

	@Test
	void theNewestOpenBindingWinsAndClosingItHandsBack() {
		try (CheckpointWeaving.Binding outer = CheckpointWeaving.bind(() -> this.first)) {
			assertThat(CheckpointWeaving.currentBinding().engine()).isSameAs(this.first);
			try (CheckpointWeaving.Binding proxies = CheckpointWeaving.bindProxyMode()) {
				assertThat(CheckpointWeaving.currentBinding().engine()).isNull();
				try (CheckpointWeaving.Binding inner = CheckpointWeaving.bind(() -> this.second)) {
					assertThat(CheckpointWeaving.currentBinding().engine()).isSameAs(this.second);
				}
				assertThat(CheckpointWeaving.currentBinding().engine()).isNull();
			}
			assertThat(CheckpointWeaving.currentBinding().engine()).isSameAs(this.first);
		}
		assertThat(CheckpointWeaving.currentBinding()).isNull();
	}

	@Test
	void closingAnOlderBindingKeepsTheNewerOne() {
		CheckpointWeaving.Binding older = CheckpointWeaving.bind(() -> this.first);
		try (CheckpointWeaving.Binding newer = CheckpointWeaving.bind(() -> this.second)) {
			older.close();
			assertThat(CheckpointWeaving.currentBinding().engine()).isSameAs(this.second);
		}
		assertThat(CheckpointWeaving.currentBinding()).isNull();
	}

	@Test
	void theEngineIsAskedForOnceOnTheFirstCall() {
		int[] asked = { 0 };
		try (CheckpointWeaving.Binding binding = CheckpointWeaving.bind(() -> {
			asked[0]++;
			return this.first;
		})) {
			assertThat(asked[0]).isZero();
			binding.engine();
			binding.engine();
			assertThat(asked[0]).isOne();
		}
	}

}
