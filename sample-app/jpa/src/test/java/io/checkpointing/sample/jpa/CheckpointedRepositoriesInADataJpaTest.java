package io.checkpointing.sample.jpa;

import org.junit.jupiter.api.Test;

import io.checkpointing.Checkpoints;
import io.checkpointing.spring.test.AutoConfigureCheckpointing;
import io.checkpointing.spring.test.CheckpointCalls;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code @DataJpaTest} slice with {@code @AutoConfigureCheckpointing}: the repositories it
 * loads are checkpointed. Each test runs in a transaction of its own, whose writes move no data
 * version until it commits (it never does): there a method that reads data runs without the store,
 * so the test sees its own writes. A test outside a transaction sees hits.
 */
@DataJpaTest
@AutoConfigureCheckpointing
class CheckpointedRepositoriesInADataJpaTest {

	private static final String BY_LAST_NAME = "OwnerDirectory#findByLastNameOrderByFirstName";

	@Autowired
	OwnerDirectory directory;

	@Autowired
	CheckpointCalls calls;

	@Autowired
	Checkpoints checkpoints;

	@Test
	void inTheTestsTransactionARepositoryMethodSeesTheTestsWritesWithoutTheStore(@Autowired TestEntityManager entities) {
		this.calls.clear();
		entities.persist(new Owner("Ada", "Lovelace"));
		assertThat(this.directory.findByLastNameOrderByFirstName("Lovelace")).hasSize(1);
		entities.persist(new Owner("Augusta", "Lovelace"));
		assertThat(this.directory.findByLastNameOrderByFirstName("Lovelace")).hasSize(2);
		assertThat(this.calls.bypasses(BY_LAST_NAME)).isEqualTo(2);
		assertThat(this.calls.hits(BY_LAST_NAME)).isZero();
	}

	@Test
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	void outsideATransactionTheSlicesRepositoriesAreCheckpointed(@Autowired OwnerRepository owners,
			@Autowired TransactionTemplate transactions) {
		this.checkpoints.evictAll(BY_LAST_NAME);
		this.calls.clear();
		transactions.executeWithoutResult((status) -> owners.save(new Owner("Grace", "Hopper")));
		try {
			assertThat(this.directory.findByLastNameOrderByFirstName("Hopper")).hasSize(1);
			assertThat(this.directory.findByLastNameOrderByFirstName("Hopper")).hasSize(1);
			assertThat(this.calls.misses(BY_LAST_NAME)).isEqualTo(1);
			assertThat(this.calls.hits(BY_LAST_NAME)).isEqualTo(1);
		}
		finally {
			transactions.executeWithoutResult((status) -> owners.deleteAll());
		}
	}

}
