package io.checkpointing.spring.interfaces;

public class EnglishGreeter implements Greeter {

	@Override
	public String language() {
		return "en";
	}

}
