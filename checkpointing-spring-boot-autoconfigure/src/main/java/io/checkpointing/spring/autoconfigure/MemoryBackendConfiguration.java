package io.checkpointing.spring.autoconfigure;

import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.MemoryBackend;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The memory backend, in this JVM's heap, when {@code checkpointing.backend=memory}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingBean(CacheBackend.class)
@ConditionalOnProperty(name = "checkpointing.backend", havingValue = "memory")
class MemoryBackendConfiguration {

	@Bean
	MemoryBackend checkpointingMemoryBackend() {
		return new MemoryBackend();
	}

}
