package io.checkpointing.key;

import java.lang.reflect.Field;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StateReaderTest {

	private final StateReader reader = new StateReader(new ArgumentHasher());

	@Test
	void valuesCountByValue() throws Exception {
		List<Field> fields = List.of(Holder.class.getDeclaredField("settings"));
		assertThat(this.reader.hash(fields, new Holder(new Settings(1), new Service())))
			.isEqualTo(this.reader.hash(fields, new Holder(new Settings(1), new Service())))
			.isNotEqualTo(this.reader.hash(fields, new Holder(new Settings(2), new Service())));
	}

	@Test
	void objectsWithNoCanonicalFormCountByTypeOnly() throws Exception {
		List<Field> fields = List.of(Holder.class.getDeclaredField("service"));
		assertThat(this.reader.hash(fields, new Holder(new Settings(1), new Service())))
			.isEqualTo(this.reader.hash(fields, new Holder(new Settings(2), new Service())));
	}

	@Test
	void instanceFieldsAreSkippedForStaticMethods() throws Exception {
		List<Field> fields = List.of(Holder.class.getDeclaredField("settings"));
		assertThat(this.reader.hash(fields, null)).isEqualTo(this.reader.hash(List.of(), null));
	}

	record Settings(int offset) {
	}

	static class Service {

		private final Thread worker = new Thread(() -> {
		});

	}

	static class Holder {

		private final Settings settings;

		private final Service service;

		Holder(Settings settings, Service service) {
			this.settings = settings;
			this.service = service;
		}

	}

}
