package io.checkpointing.sample.jpa;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.checkpointing.Checkpoints;
import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.spring.actuate.CheckpointsEndpoint;
import io.checkpointing.spring.test.CheckpointCalls;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @Checkpoint} on the methods of Spring Data repository interfaces ({@link OwnerDirectory},
 * {@link PetDirectory}): a derived query, a CRUD method and a {@code @Query}, each checkpointed as
 * the method of its repository interface, rerun once data of its entity type changed, and
 * listed by the endpoint. And the order of our advice and the transactions: a hit opens none.
 */
@Import(RepositoryCheckpointsContract.TransactionsBegun.class)
abstract class RepositoryCheckpointsContract {

	private static final String BY_LAST_NAME = "OwnerDirectory#findByLastNameOrderByFirstName";

	private static final String OWNER_BY_ID = "OwnerDirectory#findById";

	private static final String PET_BY_ID = "PetDirectory#findById";

	private static final String COUNT_BY_PREFIX = "OwnerDirectory#countByPrefix";

	@Autowired
	OwnerDirectory directory;

	@Autowired
	PetDirectory pets;

	@Autowired
	OwnerRepository owners;

	@Autowired
	VetRepository vets;

	@Autowired
	OwnerReports reports;

	@Autowired
	Checkpoints checkpoints;

	@Autowired
	CheckpointCalls calls;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	TransactionsBegun begun;

	long adaId;

	@BeforeEach
	void owners() {
		for (String method : List.of(BY_LAST_NAME, OWNER_BY_ID, PET_BY_ID, COUNT_BY_PREFIX, "OwnerReports#owner")) {
			this.checkpoints.evictAll(method);
		}
		this.adaId = this.transactions.execute((status) -> {
			this.owners.deleteAll();
			this.vets.deleteAll();
			Owner ada = new Owner("Ada", "Lovelace");
			ada.addPet("Byron");
			this.owners.save(new Owner("Alan", "Turing"));
			return this.owners.save(ada).getId();
		});
		this.calls.clear();
	}

	@Test
	void aDerivedQueryReturningAListOfEntitiesIsCheckpointedAsTheRepositorysMethod() {
		List<Owner> computed = this.directory.findByLastNameOrderByFirstName("Lovelace");
		List<Owner> stored = this.directory.findByLastNameOrderByFirstName("Lovelace");
		assertThat(stored).extracting(Owner::getFullName).containsExactly("Ada Lovelace");
		assertThat(stored).usingRecursiveFieldByFieldElementComparatorIgnoringFields("pets").isEqualTo(computed);
		assertThat(this.calls.misses(BY_LAST_NAME)).isEqualTo(1);
		assertThat(this.calls.hits(BY_LAST_NAME)).isEqualTo(1);
		assertThat(this.calls.errors(BY_LAST_NAME)).isZero();
		this.directory.findByLastNameOrderByFirstName("Turing");
		assertThat(this.calls.misses(BY_LAST_NAME)).as("another argument").isEqualTo(2);
	}

	@Test
	void aCrudFindByIdReturningAnOptionalIsCheckpointedAndItsHitOpensNoTransaction() {
		int before = this.begun.count();
		Optional<Owner> computed = this.directory.findById(this.adaId);
		assertThat(this.begun.count()).as("Spring Data's own read-only transaction").isEqualTo(before + 1);
		Optional<Owner> stored = this.directory.findById(this.adaId);
		assertThat(this.begun.count()).as("a hit").isEqualTo(before + 1);
		assertThat(stored).get().extracting(Owner::getFullName).isEqualTo(computed.orElseThrow().getFullName());
		assertThat(stored.orElseThrow().getPets()).as("not loaded when it was stored").isEmpty();
		assertThat(this.calls.hits(OWNER_BY_ID)).isEqualTo(1);
		assertThat(this.calls.errors(OWNER_BY_ID)).isZero();
	}

	@Test
	void theSameMethodOfAnotherRepositoryHasANameAndKeysOfItsOwn() {
		long petId = this.transactions.execute((status) -> this.owners.findById(this.adaId).orElseThrow().getPets().get(0).getId());
		assertThat(this.pets.findById(petId)).get().extracting(Pet::getName).isEqualTo("Byron");
		this.directory.findById(petId);
		assertThat(this.calls.misses(PET_BY_ID)).isEqualTo(1);
		assertThat(this.calls.misses(OWNER_BY_ID)).as("the same argument, another repository").isEqualTo(1);
		assertThat(this.calls.hits(OWNER_BY_ID)).isZero();
	}

	@Test
	void savingAnOwnerRerunsTheOwnerQueriesAndSavingAVetDoesNot() {
		this.directory.findByLastNameOrderByFirstName("Lovelace");
		this.vets.save(new Vet("James Herriot"));
		this.directory.findByLastNameOrderByFirstName("Lovelace");
		assertThat(this.calls.hits(BY_LAST_NAME)).as("a vet is no owner's data").isEqualTo(1);
		this.owners.save(new Owner("Augusta", "Lovelace"));
		assertThat(this.directory.findByLastNameOrderByFirstName("Lovelace")).extracting(Owner::getFirstName)
			.containsExactly("Ada", "Augusta");
		assertThat(this.calls.misses(BY_LAST_NAME)).isEqualTo(2);
	}

	@Test
	void aQueryMethodIsKeyedByItsArguments() {
		assertThat(this.directory.countByPrefix("Lo")).isEqualTo(1);
		assertThat(this.directory.countByPrefix("Lo")).isEqualTo(1);
		assertThat(this.directory.countByPrefix("T")).isEqualTo(1);
		assertThat(this.calls.misses(COUNT_BY_PREFIX)).isEqualTo(2);
		assertThat(this.calls.hits(COUNT_BY_PREFIX)).isEqualTo(1);
	}

	@Test
	void insideAReadWriteTransactionARepositoryMethodRunsWithoutTheStore() {
		this.transactions.executeWithoutResult((status) -> {
			this.owners.save(new Owner("Augusta", "Lovelace"));
			assertThat(this.directory.findByLastNameOrderByFirstName("Lovelace")).as("the transaction's own write")
				.hasSize(2);
			status.setRollbackOnly();
		});
		assertThat(this.calls.bypasses(BY_LAST_NAME)).isEqualTo(1);
		assertThat(this.directory.findByLastNameOrderByFirstName("Lovelace")).hasSize(1);
	}

	@Test
	void aHitOfATransactionalServiceMethodOpensNoTransactionAndAMissReturningLazyDataIsStored() {
		int before = this.begun.count();
		this.reports.owner(this.adaId);
		assertThat(this.begun.count()).isEqualTo(before + 1);
		Owner stored = this.reports.owner(this.adaId);
		assertThat(this.begun.count()).as("a hit").isEqualTo(before + 1);
		assertThat(this.calls.hits("OwnerReports#owner")).isEqualTo(1);
		assertThat(this.calls.errors("OwnerReports#owner")).isZero();
		assertThat(stored.getFullName()).isEqualTo("Ada Lovelace");
	}

	@Test
	void theEndpointListsTheRepositoryMethods(@Autowired CheckpointEngine engine) {
		this.directory.findById(this.adaId);
		this.directory.findByLastNameOrderByFirstName("Lovelace");
		assertThat(new CheckpointsEndpoint(engine.administration()).checkpoints().methods())
			.hasEntrySatisfying(OWNER_BY_ID, (method) -> assertThat(method.entries()).isEqualTo(1))
			.hasEntrySatisfying(BY_LAST_NAME, (method) -> assertThat(method.misses()).isEqualTo(1));
	}

	/** Counts the transactions the real transaction manager begins (Boot hands it every such listener bean). */
	static class TransactionsBegun implements TransactionExecutionListener {

		private final AtomicInteger begun = new AtomicInteger();

		@Override
		public void afterBegin(TransactionExecution transaction, @Nullable Throwable beginFailure) {
			if (beginFailure == null) {
				this.begun.incrementAndGet();
			}
		}

		int count() {
			return this.begun.get();
		}

	}

}
