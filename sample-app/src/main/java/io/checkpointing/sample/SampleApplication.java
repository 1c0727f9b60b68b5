package io.checkpointing.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small web app whose slow computation is checkpointed: {@code GET /primes?below=10000000}
 * takes a few seconds the first time and milliseconds afterwards, also after a restart.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
