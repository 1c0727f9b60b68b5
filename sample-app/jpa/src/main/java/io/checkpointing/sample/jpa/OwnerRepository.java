package io.checkpointing.sample.jpa;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface OwnerRepository extends JpaRepository<Owner, Long> {

	Page<Owner> findByLastNameStartingWith(String prefix, Pageable pageable);

	@Query("select distinct o from Owner o left join fetch o.pets where o.id = :id")
	Optional<Owner> findWithPets(Long id);

}
