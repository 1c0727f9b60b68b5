package io.checkpointing.sample.jpa;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

import io.checkpointing.engine.CheckpointEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restarts as Spring Boot DevTools makes them: the application's classes loaded again by a fresh
 * class loader in the same JVM, a new context, new proxies of the repositories and services. What
 * the first run stored is a hit for the next, on the same database.
 */
class RestartsLikeDevToolsTest {

	private static final String APPLICATION_PACKAGE = JpaSampleApplication.class.getPackageName() + ".";

	@TempDir
	Path store;

	@Test
	void aRestartedApplicationHitsWhatTheRunBeforeStored() throws Exception {
		long id;
		try (ConfigurableApplicationContext first = startInAFreshClassLoader()) {
			Object owners = first.getBean("ownerRepository");
			Object owner = Class.forName(APPLICATION_PACKAGE + "Owner", true, first.getClassLoader())
				.getConstructor(String.class, String.class)
				.newInstance("Ada", "Lovelace");
			Object saved = owners.getClass().getMethod("save", Object.class).invoke(owners, owner);
			id = (Long) saved.getClass().getMethod("getId").invoke(saved);
			assertThat(firstNameOfOwner(first, id)).isEqualTo("Ada");
			assertThat(ownerCalls(first).misses()).isEqualTo(1);
		}
		try (ConfigurableApplicationContext restarted = startInAFreshClassLoader()) {
			assertThat(restarted.getBean("ownerReports").getClass().getClassLoader())
				.as("the application's classes are loaded again")
				.isInstanceOf(RestartClassLoader.class);
			assertThat(firstNameOfOwner(restarted, id)).isEqualTo("Ada");
			assertThat(ownerCalls(restarted).hits()).isEqualTo(1);
			assertThat(ownerCalls(restarted).misses()).isZero();
		}
	}

	private ConfigurableApplicationContext startInAFreshClassLoader() throws Exception {
		URL classes = JpaSampleApplication.class.getProtectionDomain().getCodeSource().getLocation();
		RestartClassLoader loader = new RestartClassLoader(classes, getClass().getClassLoader());
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(loader);
		try {
			return new SpringApplicationBuilder(loader.loadClass(JpaSampleApplication.class.getName()))
				.resourceLoader(new DefaultResourceLoader(loader))
				.properties("checkpointing.directory=" + this.store,
						"spring.datasource.url=jdbc:h2:mem:restarts;DB_CLOSE_DELAY=-1", "spring.jpa.hibernate.ddl-auto=update",
						"spring.main.banner-mode=off", "management.endpoints.enabled-by-default=false")
				.run();
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

	private static Object firstNameOfOwner(ConfigurableApplicationContext context, long id) throws Exception {
		Object reports = context.getBean("ownerReports");
		Object owner = reports.getClass().getMethod("owner", long.class).invoke(reports, id);
		return owner.getClass().getMethod("getFirstName").invoke(owner);
	}

	private static io.checkpointing.engine.CallStatistics.MethodStatistics ownerCalls(ConfigurableApplicationContext context) {
		return context.getBean(CheckpointEngine.class).statistics().of("OwnerReports#owner");
	}

	/** Loads the application's own classes itself, as DevTools' restart class loader does; the rest from its parent. */
	static final class RestartClassLoader extends URLClassLoader {

		RestartClassLoader(URL classes, ClassLoader parent) {
			super(new URL[] { classes }, parent);
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			if (!name.startsWith(APPLICATION_PACKAGE)) {
				return super.loadClass(name, resolve);
			}
			synchronized (getClassLoadingLock(name)) {
				Class<?> loaded = findLoadedClass(name);
				if (loaded == null) {
					loaded = findClass(name);
				}
				if (resolve) {
					resolveClass(loaded);
				}
				return loaded;
			}
		}

	}

}
