package io.checkpointing.spring.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The checkpoints console, under {@code checkpointing.console.*}: a page at
 * {@code <management base path>/checkpointsconsole}.
 */
@ConfigurationProperties("checkpointing.console")
public class CheckpointingConsoleProperties {

	/**
	 * Whether to serve the console page (the checkpointsconsole Actuator endpoint, exposed over the
	 * web when this is true) and record the recent calls it shows.
	 */
	private boolean enabled = false;

	/**
	 * Whether the console offers to evict a method's entries (a button with a confirmation). Without
	 * it the console is read-only and refuses eviction with a 403.
	 */
	private boolean evictionEnabled = false;

	/**
	 * How many recent calls are kept in memory per method, for the console; 1 to 10000.
	 */
	private int recentCalls = 20;

	/**
	 * How often the page reads the state again; at least 1s.
	 */
	private Duration refresh = Duration.ofSeconds(5);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isEvictionEnabled() {
		return this.evictionEnabled;
	}

	public void setEvictionEnabled(boolean evictionEnabled) {
		this.evictionEnabled = evictionEnabled;
	}

	public int getRecentCalls() {
		return this.recentCalls;
	}

	public void setRecentCalls(int recentCalls) {
		this.recentCalls = recentCalls;
	}

	public Duration getRefresh() {
		return this.refresh;
	}

	public void setRefresh(Duration refresh) {
		this.refresh = refresh;
	}

}
