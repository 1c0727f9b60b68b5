/**
 * Spring Data JPA and Hibernate: which entity types a call of a repository reads
 * ({@link io.checkpointing.spring.jpa.RepositoryDataReads}), the Hibernate listener that moves
 * their data versions when this application writes them, and their auto-configuration.
 */
@NullMarked
package io.checkpointing.spring.jpa;

import org.jspecify.annotations.NullMarked;
