package io.checkpointing.key;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A call that reached code makes to code the walk does not follow (the JDK, a library, or an
 * application method with no body to read), as the bytecode states it. Such calls count in the
 * fingerprint by their signature only; this record says where they are, so that what they return
 * can be judged: {@code System.getenv("NAME")} reads the environment, {@code Instant.now()} the
 * clock.
 * @param owner the class the instruction names, as named in bytecode ({@code java/lang/System})
 * @param name the method's name ({@code <init>} for a constructor)
 * @param descriptor the method's descriptor ({@code (Ljava/lang/String;)Ljava/lang/String;})
 * @param callingClass the class whose code makes the call, as named in bytecode
 * @param line the source line of the call, or {@code -1} if the class file has no line numbers
 * @param constantArguments for each parameter, the {@code String} constant passed to it when the
 * instruction that pushes it is an {@code ldc} of that constant (so {@code getenv("NAME")} gives
 * {@code "NAME"}), else {@code null}; a call made through a method reference has none
 */
public record OutsideCall(String owner, String name, String descriptor, String callingClass, int line,
		List<@Nullable String> constantArguments) {

	public OutsideCall {
		constantArguments = Collections.unmodifiableList(new ArrayList<>(constantArguments));
	}

	/**
	 * @return the constant passed as the first argument, such as the name given to
	 * {@code System.getProperty}, or {@code null} if it is not a {@code String} constant
	 */
	public @Nullable String firstConstantArgument() {
		return this.constantArguments.isEmpty() ? null : this.constantArguments.get(0);
	}

	/** @return whether the call is to {@code name} of {@code owner}, a class named as in Java ({@code java.lang.System}) */
	public boolean calls(String ownerClassName, String methodName) {
		return this.owner.equals(ownerClassName.replace('.', '/')) && this.name.equals(methodName);
	}

}
