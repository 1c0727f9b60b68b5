package io.checkpointing.spring.jpa.clinic;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

@Entity
public class Vet {

	@Id
	@GeneratedValue
	private Long id;

	private String name;

	/** An association: a query on vets returns their specialties too. */
	@jakarta.persistence.ManyToMany(fetch = jakarta.persistence.FetchType.EAGER)
	private java.util.Set<Specialty> specialties = new java.util.HashSet<>();

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

	public void setName(String name) {
		this.name = name;
	}

}
