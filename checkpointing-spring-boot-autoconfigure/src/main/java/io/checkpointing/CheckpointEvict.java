package io.checkpointing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * After the annotated method of a Spring bean returns normally, moves the data versions of the
 * entity types it names and removes the stored results of the checkpointed methods it names:
 * explicit control for writes the JPA listener does not see (bulk {@code update} queries, SQL,
 * {@code JdbcTemplate}), as {@code @CacheEvict} is for Spring's cache. Inside a Spring transaction
 * it acts once the transaction has committed, and not at all if it rolls back.
 *
 * <pre>{@code
 * @Transactional
 * @CheckpointEvict(dataChanged = Vet.class)
 * public int capitalizeVetNames() {
 *     return jdbcTemplate.update("update vets set name = upper(name)");
 * }
 * }</pre>
 *
 * <p>Honoured in {@code checkpointing.mode=proxy} (the default), on calls through the bean.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CheckpointEvict {

	/**
	 * @return the entity types whose data versions move, as with {@link Checkpoints#dataChanged}
	 */
	Class<?>[] dataChanged() default {};

	/**
	 * @return the display names of checkpointed methods ({@code SimpleClassName#method}) whose
	 * every stored result is removed, as with {@link Checkpoints#evictAll}
	 */
	String[] methods() default {};

}
