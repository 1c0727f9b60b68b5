package io.checkpointing.sample.jpa;

import java.util.List;
import java.util.Optional;

import io.checkpointing.Checkpoint;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * Owners as a directory looks them up, checkpointed on the repository itself: a derived query,
 * a CRUD method and a {@code @Query}. Each is keyed by this interface, its declaration (the query's
 * text included), its arguments and the data version of {@code Owner} (and of the types its
 * associations lead to).
 */
public interface OwnerDirectory extends Repository<Owner, Long> {

	@Checkpoint
	List<Owner> findByLastNameOrderByFirstName(String lastName);

	@Checkpoint
	Optional<Owner> findById(Long id);

	@Checkpoint
	@Query("select count(o) from Owner o where o.lastName like :prefix%")
	long countByPrefix(String prefix);

}
