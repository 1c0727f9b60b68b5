package io.checkpointing.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An experiment pipeline whose steps are checkpointed: {@code GET /experiment} generates a
 * data set, trains a model and evaluates it; repeated and partly changed requests reuse the stored
 * results, also after a restart.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
