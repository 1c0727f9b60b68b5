package io.checkpointing.spring.interfaces;

import io.checkpointing.Checkpoint;

/** A generic interface: its classes implement the method with their type argument. */
public interface Converter<T> {

	@Checkpoint
	String convert(T value);

}
