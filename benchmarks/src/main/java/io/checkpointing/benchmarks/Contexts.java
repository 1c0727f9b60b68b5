package io.checkpointing.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.engine.MemoryTier;
import io.checkpointing.serial.JacksonSerializer;
import io.checkpointing.spring.CheckpointAspect;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.FilesystemBackend;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.EnableAspectJAutoProxy;

/**
 * Small Spring contexts, one per contender, so that each is called through the proxy an
 * application would call it through.
 */
final class Contexts {

	private Contexts() {
	}

	/** A context with checkpointing on the filesystem, and the given bean. */
	static AnnotationConfigApplicationContext checkpointing(Path directory, @Nullable MemoryTier memory,
			Class<?> bean) {
		return checkpointing(new FilesystemBackend(directory), memory, bean);
	}

	/** A context with checkpointing on the given backend, and the given bean. */
	static AnnotationConfigApplicationContext checkpointing(CacheBackend backend, @Nullable MemoryTier memory,
			Class<?> bean) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.register(AspectJProxies.class);
		context.registerBean(CheckpointEngine.class, () -> CheckpointEngine.builder()
			.backend(backend)
			.serializer(JacksonSerializer.json())
			.memoryTier(memory)
			.build());
		context.registerBean(CheckpointAspect.class, () -> new CheckpointAspect(context.getBean(CheckpointEngine.class)));
		context.registerBean(bean);
		context.refresh();
		return context;
	}

	/** A context with Spring's caching and the given cache manager, and the given bean. */
	static AnnotationConfigApplicationContext caching(CacheManager cacheManager, Class<?> bean) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.register(Caching.class);
		context.registerBean(CacheManager.class, () -> cacheManager);
		context.registerBean(bean);
		context.refresh();
		return context;
	}

	static Path temporaryDirectory(String name) {
		try {
			Path parent = Path.of(System.getProperty("benchmarks.directory", System.getProperty("java.io.tmpdir")));
			Files.createDirectories(parent);
			return Files.createTempDirectory(parent, "checkpointing-" + name + "-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void delete(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAspectJAutoProxy(proxyTargetClass = true)
	static class AspectJProxies {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching(proxyTargetClass = true)
	static class Caching {

	}

}
