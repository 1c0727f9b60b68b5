package io.checkpointing.spring.autoconfigure;

/** How much code a checkpointed method's key covers ({@code checkpointing.code.scope}). */
public enum CodeScopeType {

	/** The method, its lambdas and the application code it calls, recursively. */
	TRANSITIVE,

	/** The method and its lambdas only. */
	METHOD

}
