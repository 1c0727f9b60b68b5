package io.checkpointing.spring.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The circuit breaker in front of a remote store ({@code redis}, {@code jdbc}, {@code s3}, or a
 * {@code CacheBackend} bean of the application's), under {@code checkpointing.breaker.*}: after
 * consecutive connection failures the store is skipped for a growing back-off.
 */
@ConfigurationProperties("checkpointing.breaker")
public class CheckpointingBreakerProperties {

	/**
	 * Whether a store that cannot be reached is skipped after consecutive connection failures.
	 * Stores on local disk and in memory have no breaker.
	 */
	private boolean enabled = true;

	/** How many consecutive connection failures open the breaker. */
	private int failures = 3;

	/** How long the store is skipped once the breaker opens, before one call probes it. */
	private Duration initialBackOff = Duration.ofSeconds(1);

	/** The longest the store is skipped between probes; each failed probe doubles the back-off up to this. */
	private Duration maxBackOff = Duration.ofMinutes(1);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getFailures() {
		return this.failures;
	}

	public void setFailures(int failures) {
		this.failures = failures;
	}

	public Duration getInitialBackOff() {
		return this.initialBackOff;
	}

	public void setInitialBackOff(Duration initialBackOff) {
		this.initialBackOff = initialBackOff;
	}

	public Duration getMaxBackOff() {
		return this.maxBackOff;
	}

	public void setMaxBackOff(Duration maxBackOff) {
		this.maxBackOff = maxBackOff;
	}

}
