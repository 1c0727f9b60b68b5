package io.checkpointing.sample.jpa;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.checkpointing.Checkpoints;
import io.checkpointing.spring.test.CheckpointCalls;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.MemoryBackend;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Entities, pages and records read through a Spring Data repository inside {@code @Transactional}
 * services come back from the store as they were returned: stored by their fields, with
 * Hibernate's collections and proxies stored as what they hold and unloaded associations absent.
 * Each test calls a method twice: the first call stores, the second must be a hit that equals it.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class EntityResultsContract {

	@Autowired
	OwnerReports reports;

	@Autowired
	OwnerRepository owners;

	@Autowired
	Checkpoints checkpoints;

	@Autowired
	CheckpointCalls calls;

	@Autowired
	CacheBackend store;

	@Autowired
	TransactionTemplate transactions;

	long adaId;

	@BeforeEach
	void ownersAndPets() {
		this.checkpoints.evictAll("OwnerReports#ownerWithPets");
		this.checkpoints.evictAll("OwnerReports#owner");
		this.checkpoints.evictAll("OwnerReports#petsOf");
		this.checkpoints.evictAll("OwnerReports#ownersByLastName");
		this.checkpoints.evictAll("OwnerReports#petCounts");
		this.adaId = this.transactions.execute((status) -> {
			this.owners.deleteAll();
			Owner ada = new Owner("Ada", "Lovelace");
			ada.addPet("Byron").addVisit("rabies shot");
			ada.addPet("Analytical");
			Owner alan = new Owner("Alan", "Turing");
			alan.addPet("Enigma");
			this.owners.saveAll(List.of(alan, new Owner("Grace", "Hopper"), new Owner("Charles", "Lamb")));
			return this.owners.save(ada).getId();
		});
	}

	@Test
	void theTestsStoreResultsInAMemoryStoreOfTheirOwnNotInTheDevelopersDirectory() {
		assertThat(this.store).isInstanceOf(MemoryBackend.class);
		assertThat(java.nio.file.Path.of(".checkpointing")).doesNotExist();
	}

	@Test
	void anEntityWithItsFetchedCollectionAndTheCycleBackReadsBackAsTheSameGraph(CapturedOutput output) {
		Owner computed = this.reports.ownerWithPets(this.adaId);
		Owner stored = this.reports.ownerWithPets(this.adaId);
		assertThat(this.calls.misses("OwnerReports#ownerWithPets")).isEqualTo(1);
		assertThat(this.calls.hits("OwnerReports#ownerWithPets")).isEqualTo(1);
		assertThat(stored).isNotSameAs(computed);
		assertThat(stored.getId()).isEqualTo(computed.getId());
		assertThat(stored.isNew()).isFalse();
		assertThat(stored.getFullName()).isEqualTo("Ada Lovelace");
		assertThat(stored.getPets()).extracting(Pet::getName).containsExactly("Analytical", "Byron");
		assertThat(stored.getPets()).allSatisfy((pet) -> assertThat(pet.getOwner()).isSameAs(stored));
		assertThat(output).doesNotContain("LazyInitializationException");
	}

	@Test
	void aCollectionThatWasNotLoadedIsStoredAsAbsentWithoutAnErrorOnAnyCall(CapturedOutput output) {
		Owner computed = this.reports.owner(this.adaId);
		for (int i = 0; i < 3; i++) {
			Owner stored = this.reports.owner(this.adaId);
			assertThat(stored.getFullName()).isEqualTo(computed.getFullName());
			assertThat(stored.getPets()).isEmpty();
		}
		assertThat(this.calls.hits("OwnerReports#owner")).isEqualTo(3);
		assertThat(this.calls.errors("OwnerReports#owner")).isZero();
		assertThat(output).doesNotContain("LazyInitializationException");
	}

	@Test
	void aLazyManyToOneLoadedInTheMethodIsStoredAsTheEntityNotAsItsProxy() {
		List<Pet> computed = this.reports.petsOf("Lovelace");
		assertThat(computed).allSatisfy((pet) -> assertThat(pet.getOwner().getClass()).isNotEqualTo(Owner.class));
		List<Pet> stored = this.reports.petsOf("Lovelace");
		assertThat(this.calls.hits("OwnerReports#petsOf")).isEqualTo(1);
		assertThat(stored).extracting(Pet::getName).containsExactlyInAnyOrderElementsOf(computed.stream().map(Pet::getName).toList());
		assertThat(stored).allSatisfy((pet) -> {
			assertThat(pet.getOwner().getClass()).isEqualTo(Owner.class);
			assertThat(pet.getOwner().getFirstName()).isEqualTo("Ada");
			assertThat(pet.getVisits()).isEmpty();
		});
		assertThat(stored.get(0).getOwner()).isSameAs(stored.get(1).getOwner());
	}

	@Test
	void aPageReadsBackWithItsContentRequestAndTotal() {
		Page<Owner> computed = this.reports.ownersByLastName("", 1, 2);
		Page<Owner> stored = this.reports.ownersByLastName("", 1, 2);
		assertThat(this.calls.hits("OwnerReports#ownersByLastName")).isEqualTo(1);
		assertThat(stored.getContent()).extracting(Owner::getFullName).containsExactly("Ada Lovelace", "Alan Turing");
		assertThat(stored.getContent()).extracting(Owner::getFullName)
			.isEqualTo(computed.getContent().stream().map(Owner::getFullName).toList());
		assertThat(stored.getTotalElements()).isEqualTo(4);
		assertThat(stored.getTotalPages()).isEqualTo(2);
		assertThat(stored.getPageable()).isEqualTo(PageRequest.of(1, 2, Sort.by("lastName", "firstName")));
		assertThat(stored.hasNext()).isFalse();
	}

	@Test
	void recordsStillReadBackThroughTheirConstructor() {
		List<PetCount> computed = this.reports.petCounts();
		List<PetCount> stored = this.reports.petCounts();
		assertThat(this.calls.hits("OwnerReports#petCounts")).isEqualTo(1);
		assertThat(stored).isEqualTo(computed).contains(new PetCount("Ada Lovelace", 2));
	}

}
