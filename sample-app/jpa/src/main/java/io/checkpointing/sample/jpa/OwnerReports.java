package io.checkpointing.sample.jpa;

import java.util.List;

import io.checkpointing.Checkpoint;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Read-only reports over the owners, each checkpointed: the shapes a PetClinic developer returns. */
@Service
@Transactional(readOnly = true)
public class OwnerReports {

	private final OwnerRepository owners;

	private final PetRepository pets;

	public OwnerReports(OwnerRepository owners, PetRepository pets) {
		this.owners = owners;
		this.pets = pets;
	}

	/** An owner with its pets fetched; each pet's owner is the owner again, and its visits are not loaded. */
	@Checkpoint
	public Owner ownerWithPets(long id) {
		return this.owners.findWithPets(id).orElseThrow();
	}

	/** An owner alone: its pets are not loaded. */
	@Checkpoint
	public Owner owner(long id) {
		return this.owners.findById(id).orElseThrow();
	}

	/** Pets whose owner is a lazy proxy, loaded by touching it here. */
	@Checkpoint
	public List<Pet> petsOf(String lastName) {
		List<Pet> found = this.pets.findByOwnerLastName(lastName);
		found.forEach((pet) -> pet.getOwner().getFirstName());
		return found;
	}

	@Checkpoint
	public Page<Owner> ownersByLastName(String prefix, int page, int size) {
		return this.owners.findByLastNameStartingWith(prefix, PageRequest.of(page, size, Sort.by("lastName", "firstName")));
	}

	@Checkpoint
	public List<PetCount> petCounts() {
		return this.owners.findAll(Sort.by("lastName"))
			.stream()
			.map((owner) -> new PetCount(owner.getFullName(), owner.getPets().size()))
			.toList();
	}

}
