package io.checkpointing.spring.autoconfigure;

import java.lang.reflect.Method;
import java.util.List;

import io.checkpointing.key.ArgumentHasher;
import io.checkpointing.key.CodeFingerprinter;
import io.checkpointing.key.CodeScope;
import io.checkpointing.key.StatePaths;
import io.checkpointing.key.StateReader;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Lazy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state of a method follows the beans it calls, through the references Spring injects: a
 * {@code @Lazy} proxy, an {@code ObjectProvider}, a list of beans.
 */
class SpringManagedObjectsTest {

	@Test
	void aLazyReferenceLeadsToTheFieldsTheReachedCodeReadsOnItsBean() throws Exception {
		assertThat(stateOf(ThroughLazy.class, 2, "a")).isEqualTo(stateOf(ThroughLazy.class, 2, "b"))
			.isNotEqualTo(stateOf(ThroughLazy.class, 3, "a"));
	}

	@Test
	void anObjectProviderLeadsToItsBean() throws Exception {
		assertThat(stateOf(ThroughProvider.class, 2, "a")).isEqualTo(stateOf(ThroughProvider.class, 2, "b"))
			.isNotEqualTo(stateOf(ThroughProvider.class, 3, "a"));
	}

	@Test
	void aListOfBeansLeadsToEachBean() throws Exception {
		assertThat(stateOf(ThroughList.class, 2, "a")).isEqualTo(stateOf(ThroughList.class, 2, "b"))
			.isNotEqualTo(stateOf(ThroughList.class, 3, "a"));
	}

	@Test
	void recordsAndConfigurationPropertiesAreValuesNotCollaborators() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.registerBean(Rates.class, () -> new Rates(1, "a"));
			context.refresh();
			SpringManagedObjects managed = new SpringManagedObjects(context.getBeanFactory());
			assertThat(managed.isCollaborator(Rates.class)).isTrue();
			assertThat(managed.isCollaborator(Settings.class)).isFalse();
			assertThat(managed.isCollaborator(String.class)).isFalse();
		}
	}

	private static byte[] stateOf(Class<?> caller, int rate, String label) throws Exception {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.registerBean(Rates.class, () -> new Rates(rate, label));
			context.register(caller);
			context.refresh();
			Method method = caller.getMethod("foo", int.class);
			StatePaths paths = new StatePaths(
					new CodeFingerprinter(CodeScope.transitive(List.of("io.checkpointing.spring.autoconfigure"))).codeOf(method));
			StateReader reader = new StateReader(new ArgumentHasher(), new SpringManagedObjects(context.getBeanFactory()));
			return StateReader.combine(reader.hashEach(paths, context.getBean(caller)));
		}
	}

	static class Rates {

		private final int rate;

		private final String label;

		Rates(int rate, String label) {
			this.rate = rate;
			this.label = label;
		}

		public int apply(int a) {
			return a * this.rate;
		}

		public String label() {
			return this.label;
		}

	}

	record Settings(int rate) {
	}

	static class ThroughLazy {

		private final Rates rates;

		ThroughLazy(@Lazy Rates rates) {
			this.rates = rates;
		}

		public int foo(int a) {
			return this.rates.apply(a);
		}

	}

	static class ThroughProvider {

		private final ObjectProvider<Rates> rates;

		ThroughProvider(ObjectProvider<Rates> rates) {
			this.rates = rates;
		}

		public int foo(int a) {
			return this.rates.getObject().apply(a);
		}

	}

	static class ThroughList {

		private final List<Rates> rates;

		ThroughList(List<Rates> rates) {
			this.rates = rates;
		}

		public int foo(int a) {
			return this.rates.get(0).apply(a);
		}

	}

}
