package io.checkpointing.sample.jpa;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;

/** A pet: its owner is a lazy association back (a cycle), its visits a lazy collection. */
@Entity
public class Pet implements Serializable {

	private static final long serialVersionUID = 1L;

	@Id
	@GeneratedValue
	private Long id;

	private String name;

	@ManyToOne(fetch = FetchType.LAZY)
	private Owner owner;

	@OneToMany(mappedBy = "pet", cascade = CascadeType.ALL)
	private final Set<Visit> visits = new LinkedHashSet<>();

	protected Pet() {
	}

	Pet(Owner owner, String name) {
		this.owner = owner;
		this.name = name;
	}

	public Visit addVisit(String description) {
		Visit visit = new Visit(this, description);
		this.visits.add(visit);
		return visit;
	}

	public Long getId() {
		return this.id;
	}

	public boolean isNew() {
		return this.id == null;
	}

	public String getName() {
		return this.name;
	}

	public Owner getOwner() {
		return this.owner;
	}

	public Set<Visit> getVisits() {
		return Set.copyOf(this.visits);
	}

}
