package io.checkpointing.spring.interfaces;

public class FrenchGreeter implements Greeter {

	@Override
	public String language() {
		return "fr";
	}

}
