package io.checkpointing.sample.jpa;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import org.hibernate.Hibernate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.checkpointing.serial.JavaSerializer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The {@code java} serializer writes Hibernate's collections and proxies as the plain collections
 * and entities they hold, and refuses an association that is not loaded with advice that works.
 */
@SpringBootTest
class JavaSerializedEntitiesTest {

	@Autowired
	OwnerRepository owners;

	@Autowired
	TransactionTemplate transactions;

	long adaId;

	@BeforeEach
	void ada() {
		this.adaId = this.transactions.execute((status) -> {
			this.owners.deleteAll();
			Owner ada = new Owner("Ada", "Lovelace");
			ada.addPet("Byron").addVisit("rabies shot");
			return this.owners.save(ada).getId();
		});
	}

	@Test
	void aFullyLoadedGraphIsWrittenAsPlainCollectionsAndReadsBack() throws Exception {
		Owner loaded = this.transactions.execute((status) -> {
			Owner owner = this.owners.findWithPets(this.adaId).orElseThrow();
			owner.getPets().forEach((pet) -> Hibernate.initialize(pet.getVisits()));
			return owner;
		});
		Owner read = (Owner) roundTrip(loaded);
		assertThat(read.getPets()).extracting(Pet::getName).containsExactly("Byron");
		assertThat(read.getPets().get(0).getOwner()).isSameAs(read);
		assertThat(read.getPets().get(0).getVisits()).extracting(Visit::getDescription).containsExactly("rabies shot");
	}

	@Test
	void anAssociationThatIsNotLoadedIsRefusedWithAdviceThatWorks() {
		Owner withoutVisits = this.transactions.execute((status) -> this.owners.findWithPets(this.adaId).orElseThrow());
		assertThatIOException().isThrownBy(() -> roundTrip(withoutVisits))
			.withMessageContaining("collection " + Pet.class.getName() + ".visits that Hibernate has not loaded")
			.withMessageContaining("Hibernate.initialize")
			.withMessageContaining("json serializer");
	}

	private static Object roundTrip(Owner owner) throws Exception {
		JavaSerializer serializer = new JavaSerializer();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		serializer.write(owner, Owner.class, out);
		return serializer.read(new ByteArrayInputStream(out.toByteArray()), Owner.class);
	}

}
