package io.checkpointing.spring.console;

import java.time.Duration;

/**
 * How the console behaves.
 * @param refresh how often the page reads the state again; at least one second
 * @param evictionEnabled whether the page offers to evict a method's entries, and the endpoint
 * accepts it
 */
public record ConsoleSettings(Duration refresh, boolean evictionEnabled) {

	/**
	 * @throws IllegalArgumentException if {@code refresh} is shorter than a second
	 */
	public ConsoleSettings {
		if (refresh.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("refresh must be at least 1s, was " + refresh);
		}
	}

}
