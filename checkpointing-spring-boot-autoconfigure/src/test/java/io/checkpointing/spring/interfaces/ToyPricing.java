package io.checkpointing.spring.interfaces;

import java.util.concurrent.atomic.AtomicInteger;

/** The same code as {@link BookPricing}: only the class tells their results apart. */
public class ToyPricing implements Pricing {

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
