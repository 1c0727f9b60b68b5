package io.checkpointing.key;

import java.util.Set;

/**
 * Which stored data a call on a type reads: a repository interface reads its domain type (and
 * what that type's associations lead to), an entity manager reads any. A method whose reached
 * code calls such a type has results that depend on the database, so its key holds the current
 * data version of each data type read (see {@code io.checkpointing.engine.DataVersions}).
 * Implemented by the Spring adapter from Spring Data's repository metadata; the standalone engine
 * knows of no data.
 */
public interface DataReads {

	/** No data: no call reads any. */
	DataReads NONE = (calledType) -> Set.of();

	/**
	 * @param calledType the class or interface a call instruction of the reached code names (a
	 * repository interface, {@code EntityManager}, a class of the JDK...)
	 * @return the names of the data types a call on it reads (entity class names), empty for none
	 */
	Set<String> readBy(Class<?> calledType);

	/**
	 * Whether the data the repositories read now is what the data versions describe. It is not
	 * while the current thread's transaction may hold writes of its own, which move no version
	 * until it commits: a stored result would then hide them, so a method that reads data runs
	 * plainly instead.
	 * @return {@code true} unless such a transaction is open
	 */
	default boolean isSettled() {
		return true;
	}

	/**
	 * @param code what the walk of a method found
	 * @param loader the class loader of the method's class, which names its calls' types
	 * @return the data types its reached code reads through the calls it makes outside the
	 * application, sorted by name
	 */
	default java.util.List<String> readByCallsOf(MethodCode code, ClassLoader loader) {
		java.util.SortedSet<String> types = new java.util.TreeSet<>();
		Set<String> owners = new java.util.HashSet<>();
		for (OutsideCall call : code.outsideCalls()) {
			if (owners.add(call.owner()) && !call.owner().startsWith("java/") && !call.owner().startsWith("[")) {
				try {
					types.addAll(readBy(Class.forName(call.owner().replace('/', '.'), false, loader)));
				}
				catch (ClassNotFoundException | LinkageError ex) {
					// A type the method's loader cannot see reads nothing this application's repositories know.
				}
			}
		}
		return java.util.List.copyOf(types);
	}

}
