package io.checkpointing.engine;

/**
 * The current version of each data type (an entity type, by class name): a token that moves
 * whenever the data changes, folded into the key of every method whose reached code reads that
 * type. A token never comes back once it moved, so an entry keyed by an old one is never found
 * again. The engine keeps them in its backend ({@link StoredDataVersions}), so that the instances
 * of a fleet that share a store share them; an ORM's listener or the application calls
 * {@link #changed} after a write is committed.
 */
public interface DataVersions {

	/**
	 * @param dataType a data type's name
	 * @return its current version
	 * @throws io.checkpointing.CheckpointException if the versions cannot be read
	 */
	String versionOf(String dataType);

	/**
	 * Moves a data type's version: the results computed from its former data are not found again.
	 * Call it once the change is visible to others (after its transaction committed), so that no
	 * result of the former data is stored under the new version.
	 * @param dataType a data type's name
	 * @throws io.checkpointing.CheckpointException if the version cannot be written
	 */
	void changed(String dataType);

}
