package io.checkpointing.spring.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The local copy in front of the store, when {@code checkpointing.local.directory} is set; the
 * engine puts it in front of whichever store it uses.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "checkpointing.local.directory")
@EnableConfigurationProperties(CheckpointingLocalProperties.class)
class LocalCopyConfiguration {

	@Bean
	LocalCopies checkpointingLocalCopies(CheckpointingLocalProperties properties) {
		return new LocalCopies(properties);
	}

}
