package io.checkpointing.spring.jpa;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.ManagedType;
import jakarta.persistence.metamodel.Metamodel;
import jakarta.persistence.metamodel.PluralAttribute;
import jakarta.persistence.metamodel.SingularAttribute;
import jakarta.persistence.metamodel.Type;
import org.jspecify.annotations.Nullable;

/**
 * The entity types of the application's persistence units, from their JPA metamodels: a query
 * on an entity type can return the entities its associations lead to (eagerly or lazily
 * loaded), so what it reads is the entity types reachable from it, not its own alone.
 */
final class EntityTypes {

	private final List<Metamodel> metamodels;

	EntityTypes(List<EntityManagerFactory> factories) {
		this.metamodels = factories.stream().map(EntityManagerFactory::getMetamodel).toList();
	}

	/** @return the class names of every entity type */
	Set<String> all() {
		Set<String> names = new TreeSet<>();
		for (Metamodel metamodel : this.metamodels) {
			metamodel.getEntities().forEach((entity) -> names.add(entity.getJavaType().getName()));
		}
		return names;
	}

	/**
	 * @param type a repository's domain type
	 * @return its class name and those of the entity types its associations and embedded values
	 * lead to, transitively
	 */
	Set<String> reachableFrom(Class<?> type) {
		Set<String> names = new TreeSet<>();
		names.add(type.getName());
		Deque<Class<?>> toVisit = new ArrayDeque<>(List.of(type));
		Set<Class<?>> seen = new java.util.HashSet<>();
		while (!toVisit.isEmpty()) {
			Class<?> current = toVisit.poll();
			if (!seen.add(current)) {
				continue;
			}
			ManagedType<?> managed = managedType(current);
			if (managed == null) {
				continue;
			}
			if (managed.getPersistenceType() == Type.PersistenceType.ENTITY) {
				names.add(current.getName());
			}
			for (Attribute<?, ?> attribute : managed.getAttributes()) {
				Type<?> target = targetOf(attribute);
				if (target != null && target.getPersistenceType() != Type.PersistenceType.BASIC) {
					toVisit.add(target.getJavaType());
				}
			}
		}
		return names;
	}

	private static @Nullable Type<?> targetOf(Attribute<?, ?> attribute) {
		if (attribute instanceof PluralAttribute<?, ?, ?> plural) {
			return plural.getElementType();
		}
		if (attribute instanceof SingularAttribute<?, ?> singular) {
			return singular.getType();
		}
		return null;
	}

	private @Nullable ManagedType<?> managedType(Class<?> type) {
		for (Metamodel metamodel : this.metamodels) {
			for (ManagedType<?> managed : metamodel.getManagedTypes()) {
				if (managed.getJavaType() == type) {
					return managed;
				}
			}
		}
		return null;
	}

}
