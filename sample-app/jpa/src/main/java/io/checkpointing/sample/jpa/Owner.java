package io.checkpointing.sample.jpa;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;

/** A pet owner, as in PetClinic: a lazy collection in a final field, derived getters, no setters. */
@Entity
public class Owner implements Serializable {

	private static final long serialVersionUID = 1L;

	@Id
	@GeneratedValue
	private Long id;

	private String firstName;

	private String lastName;

	@OneToMany(mappedBy = "owner", cascade = CascadeType.ALL)
	@OrderBy("name")
	private final List<Pet> pets = new ArrayList<>();

	protected Owner() {
	}

	public Owner(String firstName, String lastName) {
		this.firstName = firstName;
		this.lastName = lastName;
	}

	public Pet addPet(String name) {
		Pet pet = new Pet(this, name);
		this.pets.add(pet);
		return pet;
	}

	public Long getId() {
		return this.id;
	}

	public boolean isNew() {
		return this.id == null;
	}

	public String getFirstName() {
		return this.firstName;
	}

	public String getLastName() {
		return this.lastName;
	}

	public String getFullName() {
		return this.firstName + " " + this.lastName;
	}

	public List<Pet> getPets() {
		return Collections.unmodifiableList(this.pets);
	}

}
