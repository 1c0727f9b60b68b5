package io.checkpointing.spring.jpa;

import java.util.Set;
import java.util.function.Supplier;

import io.checkpointing.key.DataReads;
import jakarta.persistence.EntityManager;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.RepositoryDefinition;
import org.springframework.data.repository.core.support.AbstractRepositoryMetadata;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Which entity types a call reads, from Spring Data's repository metadata: a call on a
 * repository interface ({@code VetRepository.findAll}) reads its domain type and what that
 * type's associations lead to; a call on a repository interface that names no domain type
 * ({@code CrudRepository} itself, through a field of that type) or on an {@code EntityManager}
 * may read any entity type, so it reads them all.
 */
public final class RepositoryDataReads implements DataReads {

	private final Supplier<EntityTypes> entityTypes;

	RepositoryDataReads(Supplier<EntityTypes> entityTypes) {
		this.entityTypes = entityTypes;
	}

	@Override
	public Set<String> readBy(Class<?> calledType) {
		if (EntityManager.class.isAssignableFrom(calledType)) {
			return this.entityTypes.get().all();
		}
		if (!isRepository(calledType)) {
			return Set.of();
		}
		Class<?> domainType = domainTypeOf(calledType);
		return (domainType == null || domainType == Object.class) ? this.entityTypes.get().all()
				: this.entityTypes.get().reachableFrom(domainType);
	}

	private static boolean isRepository(Class<?> type) {
		return type.isInterface() && (Repository.class.isAssignableFrom(type)
				|| AnnotatedElementUtils.hasAnnotation(type, RepositoryDefinition.class));
	}

	private static @org.jspecify.annotations.Nullable Class<?> domainTypeOf(Class<?> repository) {
		try {
			return AbstractRepositoryMetadata.getMetadata(repository).getDomainType();
		}
		catch (RuntimeException ex) {
			return null; // a generic repository interface, such as CrudRepository itself: any type
		}
	}

	/**
	 * @return {@code false} inside a Spring transaction that is not read-only: its own writes reach
	 * the database at the latest when a query flushes them, but move the data versions only when it
	 * commits
	 */
	@Override
	public boolean isSettled() {
		return !TransactionSynchronizationManager.isActualTransactionActive()
				|| TransactionSynchronizationManager.isCurrentTransactionReadOnly();
	}

}
