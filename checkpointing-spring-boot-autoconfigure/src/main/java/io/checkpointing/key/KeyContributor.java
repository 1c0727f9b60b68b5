package io.checkpointing.key;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

/**
 * Adds something of the application's own to the key of checkpointed calls: a data set's
 * version, an environment setting, anything that can change results but that no fingerprint,
 * field or argument shows. In a Spring application every bean of this type is used.
 *
 * <pre>{@code
 * @Bean
 * KeyContributor datasetVersion(@Value("${dataset.version}") String version) {
 *     return KeyContributor.of("dataset", (method) -> version);
 * }
 * }</pre>
 */
public interface KeyContributor {

	/**
	 * @return a stable name for what this contributes, used when a miss is explained
	 */
	String name();

	/**
	 * @param method a checkpointed method
	 * @return whether this contributes to that method's keys; all methods by default
	 */
	default boolean appliesTo(Method method) {
		return true;
	}

	/**
	 * Called on every call of a method it applies to, so it must be cheap.
	 * @param method the checkpointed method being called
	 * @return a value with a canonical form (a string, a number, a record, a collection...),
	 * hashed like an argument
	 */
	@Nullable Object contribution(Method method);

	/**
	 * @param name what is contributed
	 * @param contribution the value for a method
	 * @return a contributor to every checkpointed method
	 */
	static KeyContributor of(String name, java.util.function.Function<Method, @Nullable Object> contribution) {
		return new KeyContributor() {

			@Override
			public String name() {
				return name;
			}

			@Override
			public @Nullable Object contribution(Method method) {
				return contribution.apply(method);
			}

		};
	}

}
