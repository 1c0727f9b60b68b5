package io.checkpointing.spring.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code checkpointing} health component, under {@code checkpointing.health.*}.
 */
@ConfigurationProperties("checkpointing.health")
public class CheckpointingHealthProperties {

	/**
	 * How long a check of the store is reused. Health requests within it, however many and however
	 * concurrent, share one check; zero checks on every request (still one at a time).
	 */
	private Duration cacheTimeToLive = Duration.ofSeconds(10);

	public Duration getCacheTimeToLive() {
		return this.cacheTimeToLive;
	}

	public void setCacheTimeToLive(Duration cacheTimeToLive) {
		this.cacheTimeToLive = cacheTimeToLive;
	}

}
