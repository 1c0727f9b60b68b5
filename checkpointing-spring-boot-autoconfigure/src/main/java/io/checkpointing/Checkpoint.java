package io.checkpointing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose result is stored and returned again for later calls with the same
 * arguments, as long as the method's code and the state it reads are unchanged.
 *
 * <p>The method should be pure in the sense of the Python package {@code checkpointing}: it may
 * read arguments, fields and configuration, but must not rely on side effects, because a stored
 * result skips the body entirely.
 *
 * <pre>{@code
 * @Checkpoint
 * public Dataset generate(long seed, int size) { ... }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Checkpoint {

	/**
	 * A display name used in logs, meters and the Actuator endpoint. Defaults to
	 * {@code SimpleClassName#method}. It is not part of the key: renaming keeps stored results.
	 * @return the display name, or empty for the default
	 */
	String name() default "";

	/**
	 * What to do when checkpointing itself fails for this method (an argument that cannot be
	 * hashed, a result that cannot be stored, an unwritable store). Defaults to the
	 * {@code checkpointing.on-error} property.
	 * @return the error policy of this method
	 */
	OnError onError() default OnError.INHERIT;

	/**
	 * The serializer that stores this method's results: {@code json}, {@code smile},
	 * {@code cbor}, {@code java}, or the id of a user-supplied serializer. Defaults to the
	 * {@code checkpointing.serializer} property.
	 * @return the serializer id, or empty for the default
	 */
	String serializer() default "";

	/**
	 * A version of the method's results, part of its key: changing it makes every earlier entry
	 * of the method a miss. The escape hatch for changes no fingerprint can see, such as a changed
	 * input file read by path, a remote service or native code.
	 * @return the version, or empty for none
	 */
	String version() default "";

	/**
	 * How long a stored result stays valid: {@code 30m}, {@code 12h}, {@code 7d} or ISO-8601
	 * such as {@code PT1H30M}. An older entry is a miss, so the method runs again and replaces it.
	 * For results that depend on something no key can see, such as a remote service that changes
	 * over time. Defaults to the {@code checkpointing.ttl} property (no expiry unless set).
	 * @return the time to live, or empty for the default
	 */
	String ttl() default "";

	/**
	 * The age after which a stored result is refreshed: a call that finds an older entry gets it
	 * at once, and the method runs again in the background to replace it (stale-while-revalidate,
	 * as Caffeine's {@code refreshAfterWrite}). One refresh per key at a time in the JVM; across
	 * processes sharing the store, the one holding the key's lock refreshes it. Same syntax as
	 * {@link #ttl()}, which keeps its meaning (an entry older than the ttl is a miss) and must be
	 * longer. Defaults to the {@code checkpointing.refresh-after} property (no refresh unless set).
	 * @return the refresh age, or empty for the default
	 */
	String refreshAfter() default "";

	/**
	 * Calls in this method's code whose results its key cannot see, acknowledged: the warning
	 * logged at the method's first call leaves them out. Each is a kind ({@code clock},
	 * {@code randomness}, {@code file}, {@code network}, {@code database}) or a call as the
	 * warning names it ({@code java.lang.System#nanoTime}). Acknowledge a call when its result
	 * cannot change the method's (timing a loop), or when a {@link #version()} or {@link #ttl()}
	 * already accounts for it.
	 * @return the kinds and calls acknowledged, none by default
	 */
	String[] acknowledge() default {};

	/**
	 * A Spring Expression Language (SpEL) expression that decides, per call, whether the store is
	 * used at all: when it is {@code false} the method just runs, and nothing is read or stored.
	 * As in {@code @Cacheable}: {@code #root.method}, {@code #root.target}, {@code #root.args},
	 * the arguments as {@code #a0}/{@code #p0} or by name, and beans as {@code @beanName}. It is
	 * evaluated before the method runs, so it cannot read {@code #result}: one that does fails the
	 * startup (use {@link #unless()}).
	 *
	 * <pre>{@code
	 * @Checkpoint(condition = "#size <= 10000")
	 * public Report build(String region, int size) { ... }
	 * }</pre>
	 * @return the expression, or empty to use the store for every call
	 */
	String condition() default "";

	/**
	 * A SpEL expression, evaluated on the result, that vetoes storing it when {@code true}, as in
	 * {@code @Cacheable}: {@code #result} is the value stored (the content of an
	 * {@code Optional}, the value a {@code CompletableFuture} or {@code Mono} completed with), and
	 * everything {@link #condition()} sees is available too.
	 *
	 * <pre>{@code
	 * @Checkpoint(unless = "#result == null or #result.partial")
	 * }</pre>
	 * @return the expression, or empty to store every result
	 */
	String unless() default "";

	/**
	 * Leaves a parameter out of the key: calls that differ only in this argument share one
	 * stored result. Use it for loggers, progress listeners, connections and other arguments
	 * that cannot change the result.
	 */
	@Target(ElementType.PARAMETER)
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@interface Ignore {

	}

	/**
	 * Keys a {@code Path} or {@code File} parameter by the content of the file (or of every file
	 * under the directory) instead of its name, so editing an input file reruns. Contents are
	 * hashed once per change, judged by size, modification time and file key.
	 */
	@Target(ElementType.PARAMETER)
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@interface Content {

	}

	/**
	 * Keys a parameter by a value derived from its argument by a SpEL expression instead of by the
	 * whole argument: calls whose arguments derive the same value share one stored result, as
	 * the Python package's {@code HashBy}. The argument is the expression's root object
	 * ({@code #root}, or its properties by name); the other arguments ({@code #a0}, {@code #p0}, by
	 * name) and beans ({@code @beanName}) are available too. The expression's text is part of
	 * the key, so editing it makes earlier results of the method misses.
	 *
	 * <pre>{@code
	 * public Profile profile(@Checkpoint.Key("id") Customer customer) { ... }
	 * public Page search(@Checkpoint.Key("trim().toLowerCase()") String query) { ... }
	 * }</pre>
	 */
	@Target(ElementType.PARAMETER)
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@interface Key {

		/**
		 * @return the SpEL expression that derives the parameter's key value from its argument
		 */
		String value();

	}

}
