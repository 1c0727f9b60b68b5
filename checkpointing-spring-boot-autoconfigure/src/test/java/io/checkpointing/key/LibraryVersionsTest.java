package io.checkpointing.key;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class LibraryVersionsTest {

	@Test
	void aLibraryClassHasTheVersionOfItsJar() {
		String version = new LibraryVersions().of(JsonMapper.class);
		assertThat(version).isNotBlank().startsWith("3.");
	}

	@Test
	void jdkClassesHaveNone() {
		assertThat(new LibraryVersions().of(String.class)).isEmpty();
	}

	@Test
	void libraryVersionsJoinTheFingerprintOfMethodsThatCallLibrariesOnly() throws Exception {
		CodeScope scope = CodeScope.transitive(List.of("io.checkpointing.key"));
		java.lang.reflect.Method callsJackson = Callers.class.getMethod("callsJackson");
		java.lang.reflect.Method callsJdk = Callers.class.getMethod("callsJdk");
		assertThat(new CodeFingerprinter(scope.withLibraryVersions(true)).codeOf(callsJackson).fingerprint())
			.isNotEqualTo(new CodeFingerprinter(scope).codeOf(callsJackson).fingerprint());
		assertThat(new CodeFingerprinter(scope.withLibraryVersions(true)).codeOf(callsJdk).fingerprint())
			.isEqualTo(new CodeFingerprinter(scope).codeOf(callsJdk).fingerprint());
	}

	public static class Callers {

		public String callsJackson() {
			return JsonMapper.builder().build().writeValueAsString(1);
		}

		public String callsJdk() {
			return String.valueOf(1);
		}

	}

}
