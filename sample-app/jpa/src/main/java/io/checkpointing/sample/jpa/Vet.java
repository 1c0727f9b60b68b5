package io.checkpointing.sample.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** A vet: an entity no owner, pet or visit leads to, so writing one changes no owner's data. */
@Entity
public class Vet {

	@Id
	@GeneratedValue
	private Long id;

	private String name;

	protected Vet() {
	}

	public Vet(String name) {
		this.name = name;
	}

	public Long getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

}
