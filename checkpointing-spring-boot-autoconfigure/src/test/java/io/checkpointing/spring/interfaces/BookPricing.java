package io.checkpointing.spring.interfaces;

import java.util.concurrent.atomic.AtomicInteger;

/** The same code as {@link ToyPricing}: only the class tells their results apart. */
public class BookPricing implements Pricing {

	final AtomicInteger runs = new AtomicInteger();

	@Override
	public long price(int quantity) {
		this.runs.incrementAndGet();
		return quantity * 2L;
	}

	public int runs() {
		return this.runs.get();
	}

}
