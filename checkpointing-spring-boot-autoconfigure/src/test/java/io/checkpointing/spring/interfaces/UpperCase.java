package io.checkpointing.spring.interfaces;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

public class UpperCase implements Converter<String> {

	final AtomicInteger runs = new AtomicInteger();

	@Override
	public String convert(String value) {
		this.runs.incrementAndGet();
		return value.toUpperCase(Locale.ROOT);
	}

	public int runs() {
		return this.runs.get();
	}

}
