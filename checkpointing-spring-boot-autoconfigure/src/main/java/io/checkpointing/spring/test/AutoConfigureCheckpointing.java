package io.checkpointing.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Checkpointing in a test, as Spring Boot's {@code @AutoConfigureCache} is for its cache: on a
 * test slice ({@code @DataJpaTest}, {@code @WebMvcTest}...), which leaves checkpointing out, it
 * imports checkpointing's auto-configurations (listed in
 * {@code META-INF/spring/io.checkpointing.spring.test.AutoConfigureCheckpointing.imports}). In
 * every test context, with or without it, results go to a memory store of the context's own, not
 * to the configured one; {@code store = TestStore.CONFIGURED} opts in to the configured store.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureCheckpointing {

	/** @return where the test's results go */
	TestStore store() default TestStore.MEMORY;

	/** Where a test's results go. */
	enum TestStore {

		/** A memory store of the test's application context: tests start empty and leave nothing behind. */
		MEMORY,

		/** The store the application configures ({@code checkpointing.backend}, the directory...). */
		CONFIGURED

	}

}
