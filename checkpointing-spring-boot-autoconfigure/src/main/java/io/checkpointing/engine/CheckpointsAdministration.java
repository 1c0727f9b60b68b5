package io.checkpointing.engine;

import java.util.List;
import java.util.Optional;

import io.checkpointing.CheckpointException;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.StoredEntry;

/**
 * What an administrator sees of an engine and its store, and may do to it: the view that the
 * Actuator endpoint and the health indicator use, beyond the {@link io.checkpointing.Checkpoints}
 * operations a program calls.
 */
public interface CheckpointsAdministration {

	/**
	 * @return where entries are stored
	 */
	CacheBackend backend();

	/**
	 * @return the id of the serializer used unless a method names its own
	 */
	String defaultSerializer();

	/**
	 * @return what the engine did with each method's calls since it was built
	 */
	CallStatistics statistics();

	/**
	 * @return the last calls of each method and the facts of each method called; empty unless
	 * the engine was built with {@link CheckpointEngineBuilder#recentCalls(int)}
	 */
	RecentCalls recentCalls();

	/**
	 * @return hits, misses and time saved per minute, over the last minutes; all zero unless the
	 * engine was built with {@link CheckpointEngineBuilder#recentCalls(int)}
	 */
	CallTimeline timeline();

	/**
	 * @return every readable entry in the store, of every method
	 * @throws CheckpointException if the store cannot be read
	 */
	List<StoredEntry> entries();

	/**
	 * Explains the latest miss of a method in this JVM against the entries stored now, other
	 * than the one that miss wrote.
	 * @param methodName the method's display name
	 * @return what differed, or empty if the method has not missed since the engine was built
	 * @throws CheckpointException if the store cannot be read
	 */
	Optional<String> explainLastMiss(String methodName);

	/**
	 * Removes every stored result of one method.
	 * @param methodName the method's display name
	 * @return how many stored results were removed
	 * @throws CheckpointException if the store cannot be read or written
	 * @see io.checkpointing.Checkpoints#evictAll(String)
	 */
	int evictAll(String methodName);

	/**
	 * Removes every entry of every method from the store.
	 * @return how many readable entries there were before
	 * @throws CheckpointException if the store cannot be read or written
	 */
	int evictAll();

	/**
	 * Moves the data version of one data type (an entity class name, as a repository's domain
	 * type), after a change the application's JPA listener cannot see (SQL run by hand, another
	 * application): every result computed from its former data is computed again.
	 * @param dataType the type's fully qualified class name
	 * @throws CheckpointException if the version cannot be written
	 */
	void dataChanged(String dataType);

	/**
	 * Removes the entries that earlier code of this application's methods left behind.
	 * @return what was removed
	 * @throws CheckpointException if the store cannot be read or written
	 * @see io.checkpointing.Checkpoints#pruneOldCode()
	 */
	io.checkpointing.Pruned pruneOldCode();

}
