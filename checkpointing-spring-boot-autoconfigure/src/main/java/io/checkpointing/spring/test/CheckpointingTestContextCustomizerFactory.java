package io.checkpointing.spring.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * In every Spring test context, checkpointing stores results in memory rather than in the
 * store the application configures, so that tests neither read results a developer's run left in
 * {@code ./.checkpointing} nor leave theirs there; and a {@link CheckpointCalls} bean counts
 * each method's hits and misses. A test opts in to the configured store with
 * {@code @AutoConfigureCheckpointing(store = CONFIGURED)}, or by setting
 * {@code checkpointing.backend} or {@code checkpointing.directory} in its own test properties.
 */
class CheckpointingTestContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		AutoConfigureCheckpointing annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				AutoConfigureCheckpointing.class);
		boolean memory = annotation == null || annotation.store() == AutoConfigureCheckpointing.TestStore.MEMORY;
		return new Customizer(memory);
	}

	/** Equal for equal settings, so that test contexts stay shared by Spring's context cache. */
	private record Customizer(boolean memory) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			if (this.memory) {
				MutablePropertySources sources = context.getEnvironment().getPropertySources();
				sources.addFirst(new TestStore(sources));
			}
			context.getBeanFactory().registerSingleton("checkpointCalls", new CheckpointCalls());
		}

	}

	/**
	 * {@code checkpointing.backend=memory}, unless the test itself chose a store: in the
	 * properties it sets ({@code @SpringBootTest(properties)}, {@code @TestPropertySource},
	 * {@code @DynamicPropertySource}). Looked up on each read, so the order in which Spring adds
	 * those sources does not matter.
	 */
	private static final class TestStore extends PropertySource<MutablePropertySources> {

		private static final String BACKEND = "checkpointing.backend";

		TestStore(MutablePropertySources sources) {
			super("checkpointing test store", sources);
		}

		@Override
		public @Nullable Object getProperty(String name) {
			if (!BACKEND.equals(name)) {
				return null;
			}
			for (PropertySource<?> source : getSource()) {
				if (source.getName().contains("Test Properties")
						&& (source.containsProperty(BACKEND) || source.containsProperty("checkpointing.directory"))) {
					return null;
				}
			}
			return "memory";
		}

	}

}
