package io.checkpointing.sample.jpa;

import java.io.Serializable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

@Entity
public class Visit implements Serializable {

	private static final long serialVersionUID = 1L;

	@Id
	@GeneratedValue
	private Long id;

	private String description;

	@ManyToOne(fetch = FetchType.LAZY)
	private Pet pet;

	protected Visit() {
	}

	Visit(Pet pet, String description) {
		this.pet = pet;
		this.description = description;
	}

	public Long getId() {
		return this.id;
	}

	public String getDescription() {
		return this.description;
	}

	public Pet getPet() {
		return this.pet;
	}

}
