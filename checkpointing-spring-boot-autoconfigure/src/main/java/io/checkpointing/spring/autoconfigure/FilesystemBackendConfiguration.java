package io.checkpointing.spring.autoconfigure;

import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.FilesystemBackend;
import io.checkpointing.store.FilesystemBackendBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The filesystem backend, in {@code checkpointing.directory}, when {@code checkpointing.backend}
 * is {@code filesystem} or unset.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingBean(CacheBackend.class)
@ConditionalOnProperty(name = "checkpointing.backend", havingValue = "filesystem", matchIfMissing = true)
class FilesystemBackendConfiguration {

	@Bean
	FilesystemBackend checkpointingFilesystemBackend(CheckpointingProperties properties,
			ObjectProvider<FilesystemBackendCustomizer> customizers) {
		FilesystemBackendBuilder builder = CheckpointingPropertiesMapper.filesystemBackend(properties);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

}
