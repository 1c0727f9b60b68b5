package io.checkpointing.spring.autoconfigure;

import java.util.concurrent.atomic.AtomicInteger;

import io.checkpointing.Checkpoint;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A bean with checkpointed methods, for the observability tests. */
public class Work {

	private final AtomicInteger runs = new AtomicInteger();

	/** Read through a method: a field read on a class proxy would see the proxy's own field. */
	public int runs() {
		return this.runs.get();
	}

	@Checkpoint
	public int square(int value) {
		this.runs.incrementAndGet();
		return value * value;
	}

	@Checkpoint
	public int slow(int value) throws InterruptedException {
		this.runs.incrementAndGet();
		Thread.sleep(20);
		return value;
	}

	@Checkpoint
	public int sum(java.util.stream.Stream<Integer> numbers) {
		return numbers.mapToInt(Integer::intValue).sum();
	}

	@Configuration(proxyBeanMethods = false)
	static class WorkConfiguration {

		@Bean
		Work work() {
			return new Work();
		}

	}

}
