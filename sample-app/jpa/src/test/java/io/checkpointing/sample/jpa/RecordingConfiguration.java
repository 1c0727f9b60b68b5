package io.checkpointing.sample.jpa;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

@TestConfiguration(proxyBeanMethods = false)
class RecordingConfiguration {

	@Bean
	RecordingListener recordingListener() {
		return new RecordingListener();
	}

}
