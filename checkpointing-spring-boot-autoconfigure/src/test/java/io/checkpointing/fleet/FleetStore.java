package io.checkpointing.fleet;

import java.util.List;

/**
 * A shared store that the fleet of {@link SharedStoreFleetTest} runs against: how the processes
 * reach it, and what it holds afterwards. A new backend is one more implementation (and, in the
 * fleet program, a {@code RunCounter} that counts in it).
 */
interface FleetStore extends AutoCloseable {

	/** @return the name of the store, for the report of the run */
	String name();

	/** @return the JVM options of every process of the fleet, such as credentials as system properties */
	default List<String> jvmOptions() {
		return List.of();
	}

	/**
	 * @return the command-line settings of every process of the fleet, with the auto-configurations
	 * it leaves out ({@code UnusedAutoConfigurations})
	 */
	List<String> settings();

	/** @return how many times the method ran, as counted in the store by the processes */
	long runs() throws Exception;

	/** @return how many entries the store lists */
	long entries() throws Exception;

	/** Removes what the run stored, and the counter. */
	@Override
	void close() throws Exception;

}
