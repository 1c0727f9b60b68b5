package io.checkpointing.benchmarks;

import org.springframework.cache.annotation.CacheEvict;
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

	/** Empties the cache, so a shared store is left as it was found. */
	@CacheEvict(cacheNames = "points", allEntries = true)
	public void evictAll() {
	}

}
