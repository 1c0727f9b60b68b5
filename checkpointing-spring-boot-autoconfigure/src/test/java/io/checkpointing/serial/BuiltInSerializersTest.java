package io.checkpointing.serial;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BuiltInSerializersTest {

	@Test
	void everyBuiltInSerializerIsAvailableWhenItsLibraryIs() {
		assertThat(BuiltInSerializers.available()).containsOnlyKeys("json", "smile", "cbor", "java")
			.allSatisfy((id, serializer) -> assertThat(serializer.id()).isEqualTo(id));
		assertThat(BuiltInSerializers.missingDependency("cbor")).isEmpty();
		assertThat(BuiltInSerializers.missingDependency("yaml")).as("not a built-in id").isEmpty();
	}

	@Test
	void aBuiltInSerializerWithoutItsJacksonModuleSaysWhichDependencyToAdd() throws Exception {
		URL[] withoutCbor = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> !entry.contains("jackson-dataformat-cbor"))
			.map(BuiltInSerializersTest::url)
			.toArray(URL[]::new);
		try (URLClassLoader loader = new URLClassLoader(withoutCbor, ClassLoader.getPlatformClassLoader())) {
			Class<?> builtIns = loader.loadClass(BuiltInSerializers.class.getName());
			Map<?, ?> available = (Map<?, ?>) builtIns.getMethod("available").invoke(null);
			List<Object> ids = List.copyOf(available.keySet());
			Method missingDependency = builtIns.getMethod("missingDependency", String.class);
			assertThat(ids).containsExactly("json", "smile", "java");
			assertThat((Optional<?>) missingDependency.invoke(null, "cbor")).hasValueSatisfying((hint) -> assertThat(hint)
				.hasToString("The built-in serializer 'cbor' needs tools.jackson.dataformat:jackson-dataformat-cbor on the"
						+ " class path: add it to the application's dependencies."));
			assertThat((Optional<?>) missingDependency.invoke(null, "smile")).isEmpty();
		}
	}

	private static URL url(String classPathEntry) {
		try {
			return Path.of(classPathEntry).toUri().toURL();
		}
		catch (java.net.MalformedURLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
