package io.checkpointing.spring.jpa;

import io.checkpointing.Checkpoints;
import io.checkpointing.spring.autoconfigure.CheckpointEngineBuilderCustomizer;
import io.checkpointing.spring.autoconfigure.CheckpointingAutoConfiguration;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.repository.Repository;
import org.springframework.util.function.SingletonSupplier;

/**
 * Data versions for Spring Data JPA applications: the keys of methods that read through
 * repositories hold the versions of the entity types they read ({@link RepositoryDataReads}),
 * and with Hibernate, writes of this application move them ({@link DataChangeListener}).
 */
@AutoConfiguration(before = CheckpointingAutoConfiguration.class)
@ConditionalOnClass({ Repository.class, EntityManagerFactory.class })
public final class CheckpointingDataAutoConfiguration {

	@Bean
	CheckpointEngineBuilderCustomizer checkpointingRepositoryDataReads(ObjectProvider<EntityManagerFactory> factories) {
		// The metamodels are read when the first method that calls a repository is identified, after startup.
		SingletonSupplier<EntityTypes> entityTypes = SingletonSupplier
			.of(() -> new EntityTypes(factories.orderedStream().toList()));
		return (builder) -> builder.dataReads(new RepositoryDataReads(entityTypes));
	}

	/** Registers the listener with each Hibernate session factory once every singleton exists. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SessionFactoryImplementor.class)
	static class HibernateDataChanges {

		@Bean
		SmartInitializingSingleton checkpointingDataChangeListener(ObjectProvider<EntityManagerFactory> factories,
				ObjectProvider<Checkpoints> checkpoints) {
			// Not conditions on beans: this configuration is read before the engine's and JPA's.
			return () -> checkpoints.ifAvailable((available) -> {
				DataChangeListener listener = new DataChangeListener(available);
				factories.orderedStream().forEach((factory) -> register(factory, listener));
			});
		}

		private static void register(EntityManagerFactory factory, DataChangeListener listener) {
			EventListenerRegistry registry = factory.unwrap(SessionFactoryImplementor.class).getEventListenerRegistry();
			registry.appendListeners(EventType.POST_INSERT, listener);
			registry.appendListeners(EventType.POST_UPDATE, listener);
			registry.appendListeners(EventType.POST_DELETE, listener);
			registry.appendListeners(EventType.POST_COLLECTION_RECREATE, listener);
			registry.appendListeners(EventType.POST_COLLECTION_UPDATE, listener);
			registry.appendListeners(EventType.POST_COLLECTION_REMOVE, listener);
		}

	}

}
