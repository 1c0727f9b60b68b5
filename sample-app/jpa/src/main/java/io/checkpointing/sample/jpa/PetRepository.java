package io.checkpointing.sample.jpa;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface PetRepository extends JpaRepository<Pet, Long> {

	List<Pet> findByOwnerLastName(String lastName);

}
