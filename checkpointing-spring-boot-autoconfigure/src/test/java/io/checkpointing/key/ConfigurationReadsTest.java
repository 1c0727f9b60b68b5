package io.checkpointing.key;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Configuration read by a constant name counts by its current value, and nothing else of it does. */
class ConfigurationReadsTest {

	private final CodeFingerprinter fingerprinter = new CodeFingerprinter(CodeScope.transitive(List.of("io.checkpointing.key")));

	@AfterEach
	void clearProperties() {
		System.clearProperty("checkpointing.test.rate");
		System.clearProperty("checkpointing.test.other");
	}

	@Test
	void aSystemPropertyReadByNameCountsByItsValueAndNoOtherDoes() throws Exception {
		ConfigurationReads reads = readsOf("systemProperty");
		System.setProperty("checkpointing.test.rate", "1");
		System.setProperty("checkpointing.test.other", "1");
		byte[] first = reads.hash(PropertyLookup.NONE);
		System.setProperty("checkpointing.test.other", "2");
		assertThat(reads.hash(PropertyLookup.NONE)).isEqualTo(first);
		System.setProperty("checkpointing.test.rate", "2");
		assertThat(reads.hash(PropertyLookup.NONE)).isNotEqualTo(first);
	}

	@Test
	void aSpringPropertyReadByNameCountsByItsValueAndNoOtherDoes() throws Exception {
		ConfigurationReads reads = readsOf("springProperty");
		assertThat(reads.hash(properties(Map.of("calc.rate", "1", "calc.other", "1"))))
			.isEqualTo(reads.hash(properties(Map.of("calc.rate", "1", "calc.other", "2"))))
			.isNotEqualTo(reads.hash(properties(Map.of("calc.rate", "2", "calc.other", "1"))));
	}

	@Test
	void aPropertyReadByANameThatIsNotAConstantCountsByEveryProperty() throws Exception {
		ConfigurationReads reads = readsOf("springPropertyNamedAtRunTime");
		assertThat(reads.hash(properties(Map.of("calc.rate", "1", "calc.other", "1"))))
			.isNotEqualTo(reads.hash(properties(Map.of("calc.rate", "1", "calc.other", "2"))));
	}

	@Test
	void aMethodThatReadsNoConfigurationHasNoReads() throws Exception {
		assertThat(readsOf("noConfiguration").isEmpty()).isTrue();
		assertThat(readsOf("systemProperty").isEmpty()).isFalse();
	}

	private ConfigurationReads readsOf(String method) throws NoSuchMethodException {
		for (java.lang.reflect.Method candidate : Readers.class.getDeclaredMethods()) {
			if (candidate.getName().equals(method)) {
				return ConfigurationReads.of(this.fingerprinter.codeOf(candidate));
			}
		}
		throw new NoSuchMethodException(method);
	}

	private static PropertyLookup properties(Map<String, String> values) {
		return new PropertyLookup() {

			@Override
			public @Nullable String property(String name) {
				return values.get(name);
			}

			@Override
			public Map<String, String> allProperties() {
				return values;
			}

		};
	}

	static final class Readers {

		private final org.springframework.core.env.Environment environment = new org.springframework.core.env.StandardEnvironment();

		int systemProperty() {
			return Integer.parseInt(System.getProperty("checkpointing.test.rate", "0"));
		}

		String springProperty() {
			return this.environment.getProperty("calc.rate");
		}

		String springPropertyNamedAtRunTime(String name) {
			return this.environment.getProperty(name);
		}

		int noConfiguration(int a) {
			return a + 1;
		}

	}

}
