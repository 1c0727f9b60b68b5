package io.checkpointing.spring.jpa.clinic;

import io.checkpointing.CheckpointEvict;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Writes vets with SQL, which the JPA listener does not see, and says so with {@code @CheckpointEvict}. */
@Service
public class VetAdministration {

	private final JdbcTemplate jdbc;

	public VetAdministration(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional
	@CheckpointEvict(dataChanged = Vet.class)
	public void capitalizeNames() {
		this.jdbc.update("update vet set name = upper(name)");
	}

	@Transactional
	@CheckpointEvict(dataChanged = Vet.class)
	public void capitalizeNamesThenFail() {
		this.jdbc.update("update vet set name = upper(name)");
		throw new IllegalStateException("rolled back");
	}

	@CheckpointEvict(methods = "VetReport#names")
	public void lowerCaseNames() {
		this.jdbc.update("update vet set name = lower(name)");
	}

}
