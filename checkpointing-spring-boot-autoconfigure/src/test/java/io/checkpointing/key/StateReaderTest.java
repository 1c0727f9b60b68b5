package io.checkpointing.key;

import java.lang.reflect.Field;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class StateReaderTest {

	private final StateReader reader = new StateReader(new ArgumentHasher());

	@Test
	void valuesCountByValue() throws Exception {
		List<Field> fields = List.of(Holder.class.getDeclaredField("settings"));
		assertThat(state(fields, new Holder(new Settings(1), new Service())))
			.isEqualTo(state(fields, new Holder(new Settings(1), new Service())))
			.isNotEqualTo(state(fields, new Holder(new Settings(2), new Service())));
	}

	@Test
	void objectsWithNoCanonicalFormCountByTypeOnly() throws Exception {
		List<Field> fields = List.of(Holder.class.getDeclaredField("service"));
		assertThat(state(fields, new Holder(new Settings(1), new Service())))
			.isEqualTo(state(fields, new Holder(new Settings(2), new Service())));
	}

	@Test
	void anApplicationObjectCountsByItsWholeStatePrivateFieldsIncluded() throws Exception {
		List<Field> fields = List.of(Holder.class.getDeclaredField("tuning"));
		assertThat(state(fields, new Holder(new Tuning(1), new org.springframework.util.StopWatch())))
			.isEqualTo(state(fields, new Holder(new Tuning(1), new org.springframework.util.StopWatch())))
			.isNotEqualTo(state(fields, new Holder(new Tuning(2), new org.springframework.util.StopWatch())));
	}

	@Test
	void anObjectOfAReleasedLibraryCountsByItsTypeOnly() throws Exception {
		List<Field> fields = List.of(Holder.class.getDeclaredField("library"));
		assertThat(state(fields, new Holder(new Tuning(1), new org.springframework.util.StopWatch("a"))))
			.isEqualTo(state(fields, new Holder(new Tuning(1), new org.springframework.util.StopWatch("b"))));
	}

	@Test
	void aValueOfAReleasedLibraryCountsByItsState() throws Exception {
		// DataSize (spring-core, a released jar) declares equals: a value, not a collaborator.
		List<Field> fields = List.of(Limits.class.getDeclaredField("maxSize"));
		assertThat(state(fields, new Limits(DataSize.ofMegabytes(1))))
			.isEqualTo(state(fields, new Limits(DataSize.ofKilobytes(1024))))
			.isNotEqualTo(state(fields, new Limits(DataSize.ofMegabytes(2))));
	}

	@Test
	void aJdkProxyCountsByItsInterfacesNotItsGeneratedClassName() throws Exception {
		List<Field> fields = List.of(Gateway.class.getDeclaredField("client"));
		Object first = proxy(new ClassLoader("first", getClass().getClassLoader()) { }, Runnable.class, Comparable.class);
		Object second = proxy(new ClassLoader("second", getClass().getClassLoader()) { }, Comparable.class, Runnable.class);
		assertThat(first.getClass()).isNotEqualTo(second.getClass()); // two generated classes, two names
		assertThat(state(fields, new Gateway(first))).isEqualTo(state(fields, new Gateway(second)))
			.isNotEqualTo(state(fields, new Gateway(proxy(getClass().getClassLoader(), Runnable.class))));
	}

	private static Object proxy(ClassLoader loader, Class<?>... interfaces) {
		return java.lang.reflect.Proxy.newProxyInstance(loader, interfaces, (proxy, method, arguments) -> null);
	}

	record Gateway(Object client) {
	}

	@Test
	void instanceFieldsAreSkippedForStaticMethods() throws Exception {
		List<Field> fields = List.of(Holder.class.getDeclaredField("settings"));
		assertThat(state(fields, null)).isEqualTo(state(List.of(), null));
	}

	private byte[] state(List<Field> fields, @Nullable Object target) {
		return StateReader.combine(this.reader.hashEach(fields, target));
	}

	record Settings(int offset) {
	}

	record Limits(DataSize maxSize) {
	}

	static class Service {

		private final Thread worker = new Thread(() -> {
		});

	}

	static class Holder {

		private final Settings settings;

		private final Service service;

		private final @Nullable Tuning tuning;

		private final org.springframework.util.@Nullable StopWatch library;

		Holder(Settings settings, Service service) {
			this.settings = settings;
			this.service = service;
			this.tuning = null;
			this.library = null;
		}

		Holder(Tuning tuning, org.springframework.util.StopWatch library) {
			this.settings = new Settings(0);
			this.service = new Service();
			this.tuning = tuning;
			this.library = library;
		}

	}

	/** No getters: its private field is all there is. */
	static class Tuning {

		private final int rate;

		Tuning(int rate) {
			this.rate = rate;
		}

	}

}
