package io.checkpointing.benchmarks;

import org.springframework.cache.annotation.Cacheable;

/** The small-value method, cached with Spring's {@code @Cacheable}. */
public class CachedPoints {

	/**
	 * @param id the point's id
	 * @return the point
	 */
	@Cacheable("points")
	public Point point(int id) {
		return Point.of(id);
	}

}
