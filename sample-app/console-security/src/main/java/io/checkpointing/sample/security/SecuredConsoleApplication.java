package io.checkpointing.sample.security;

import io.checkpointing.Checkpoint;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

/**
 * An application with Spring Security and the checkpoints console, eviction included, at
 * {@code /actuator/checkpointsconsole}: only a user with the role {@code ADMIN} reaches it
 * ({@link ManagementSecurity}). The user is Spring Boot's ({@code spring.security.user.*}).
 */
@SpringBootApplication
public class SecuredConsoleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SecuredConsoleApplication.class, args);
	}

	/** A checkpointed method, for the console to show. */
	@Component
	public static class Squares {

		@Checkpoint
		public long square(long value) {
			return value * value;
		}

	}

}
