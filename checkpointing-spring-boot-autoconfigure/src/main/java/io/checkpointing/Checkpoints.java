package io.checkpointing;

import java.util.function.Supplier;

/**
 * Operations on stored checkpoints that a program may want beyond the annotation itself.
 * Available as a bean in a Spring application.
 */
public interface Checkpoints {

	/**
	 * Runs {@code calls} so that every checkpointed method it calls directly runs its body and
	 * replaces what was stored for those arguments, as the Python package's
	 * {@code foo.rerun(arg)}. Checkpointed methods called from inside those bodies behave
	 * normally.
	 *
	 * <pre>{@code
	 * Model model = checkpoints.rerun(() -> trainer.train(data, 0.1));
	 * }</pre>
	 * @param calls the calls to rerun
	 * @param <T> the result type
	 * @return what {@code calls} returns
	 */
	<T> T rerun(Supplier<T> calls);

	/**
	 * Runs {@code calls} so that every checkpointed method it calls directly runs its body
	 * without reading or writing the store, as the Python package's {@code foo.fn(arg)}.
	 * Checkpointed methods called from inside those bodies behave normally.
	 *
	 * <pre>{@code
	 * Model fresh = checkpoints.bypass(() -> trainer.train(data, 0.1)); // not stored either
	 * }</pre>
	 * @param calls the calls to make without the store
	 * @param <T> the result type
	 * @return what {@code calls} returns
	 */
	<T> T bypass(Supplier<T> calls);

	/**
	 * Runs {@code calls} so that every checkpointed method it calls directly returns its stored
	 * result without running. A call with nothing stored throws.
	 *
	 * <pre>{@code
	 * Model stored = checkpoints.get(() -> trainer.train(data, 0.1));
	 * }</pre>
	 * @param calls the calls whose stored results to return
	 * @param <T> the result type
	 * @return what {@code calls} returns, made of stored results
	 * @throws CheckpointException naming the method and the call when nothing is stored for it,
	 * when a call cannot be identified, or when {@code calls} made no checkpointed call
	 */
	<T> T get(Supplier<T> calls);

	/**
	 * Removes every stored result of one method, whatever its arguments, so that its next call
	 * with any arguments runs its body. Other methods' results are kept.
	 *
	 * <pre>{@code
	 * int evicted = checkpoints.evictAll("Trainer#train");
	 * }</pre>
	 * @param methodName the method's display name ({@code SimpleClassName#method} unless
	 * {@code @Checkpoint(name = ...)} sets one), as the
	 * {@code checkpoints} Actuator endpoint and the {@code method} tag of the meters show it
	 * @return how many stored results were removed
	 * @throws CheckpointException if the store cannot be read or written
	 */
	int evictAll(String methodName);

	/**
	 * Says whether the checkpointed calls made directly inside {@code call} are stored, and if not,
	 * what differs from the nearest stored entry of the same method: a method's code, a field, an
	 * argument. The calls are identified, not run: they return {@code null} (or zero).
	 *
	 * <pre>{@code
	 * String why = checkpoints.explain(() -> trainer.train(data, 0.2));
	 * // "Not stored: Trainer#train, compared with the nearest of 2 stored entries (...): argument 1 `rate` changed"
	 * }</pre>
	 * @param call the calls to explain
	 * @return one line per checkpointed call
	 */
	String explain(Runnable call);

	/**
	 * Says whether the results of the checkpointed calls made directly inside {@code call} are
	 * all stored, as joblib's {@code check_call_in_cache}. The calls are identified, not run.
	 *
	 * <pre>{@code
	 * boolean ready = checkpoints.contains(() -> trainer.train(data, 0.2));
	 * }</pre>
	 * @param call the calls to look up
	 * @return whether every one of them would hit
	 */
	boolean contains(Runnable call);

	/**
	 * Removes the stored results of the checkpointed calls made directly inside {@code call}, so
	 * their next calls run. The calls are identified, not run.
	 *
	 * <pre>{@code
	 * checkpoints.evict(() -> trainer.train(data, 0.2));
	 * }</pre>
	 * @param call the calls whose results to remove
	 * @return whether anything was removed
	 */
	boolean evict(Runnable call);

	/**
	 * Says that the data of an entity type changed where this application's JPA listener cannot
	 * see it (a bulk {@code update} query, SQL run by hand, another application that writes the
	 * same tables), so that the results of every method that reads it through a repository are
	 * computed again. Writes of entities through JPA in this application move the version by
	 * themselves. Call it once the change is committed.
	 *
	 * <pre>{@code
	 * jdbcTemplate.update("update vets set name = upper(name)");
	 * checkpoints.dataChanged(Vet.class);
	 * }</pre>
	 * @param entityType the entity type whose data changed; its superclasses' versions move too
	 * @throws CheckpointException if the version cannot be written to the store
	 */
	void dataChanged(Class<?> entityType);

	/**
	 * Removes the entries that earlier code of this application's checkpointed methods left
	 * behind. Keys hold the code fingerprint, so each change of a method (or of what it calls)
	 * leaves its former entries unreachable. An entry is removed only when its method is one this
	 * application knows now (a bean's {@code @Checkpoint} method, or one called since startup) and
	 * the fingerprint it was written under is certainly not that method's current one. Entries of
	 * methods this application does not have (removed or renamed methods, another application
	 * sharing the store) and entries keyed by a {@code KeyStrategy} are kept.
	 *
	 * <pre>{@code
	 * Pruned pruned = checkpoints.pruneOldCode();
	 * log.info("{} entries of old code removed, {} bytes", pruned.entries(), pruned.bytesReclaimed());
	 * }</pre>
	 * @return what was removed
	 * @throws CheckpointException if the store cannot be read or written
	 */
	Pruned pruneOldCode();

}
