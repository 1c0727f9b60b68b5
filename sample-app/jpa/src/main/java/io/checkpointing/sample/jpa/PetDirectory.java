package io.checkpointing.sample.jpa;

import java.util.Optional;

import io.checkpointing.Checkpoint;

import org.springframework.data.repository.Repository;

/** The same CRUD method as {@link OwnerDirectory}'s, on another repository: other keys, another name. */
public interface PetDirectory extends Repository<Pet, Long> {

	@Checkpoint
	Optional<Pet> findById(Long id);

}
