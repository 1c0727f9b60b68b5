/**
 * Spring Data JPA and Hibernate: which entity types a call of a repository reads
 * ({@link io.checkpointing.spring.data.RepositoryDataReads}), the Hibernate listener that moves
 * their data versions when this application writes them, {@code @CheckpointEvict}, and their
 * auto-configuration.
 */
@NullMarked
package io.checkpointing.spring.data;

import org.jspecify.annotations.NullMarked;
