package io.checkpointing.key;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

/**
 * A function held as a value (a lambda or a method reference, {@code x -> x * 2}) counts by the
 * code it runs and the values it captured. Its hidden class has no class file to read, so its
 * implementation is found in the class that created it ({@link LambdaSites}); when several
 * creation sites fit, all of them count, so a change to any reruns (never a false hit).
 *
 * <p>A captured value counts by value, except the object a lambda or bound method reference
 * runs on (a bean capturing {@code this}): that counts by the fields its implementation reads,
 * as the state of a checkpointed method does.
 */
final class FunctionValues {

	/**
	 * Names this JVM. When a class creates several functions of one interface and captured types,
	 * which of them a hidden class is cannot be told; such a function is keyed by its hidden class
	 * within this JVM only, so it hits in this JVM and reruns in the next: never another's result.
	 */
	private static final byte[] THIS_JVM = java.util.UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);

	private final CodeFingerprinter code;

	private final LambdaSites sites = new LambdaSites();

	FunctionValues(CodeFingerprinter code) {
		this.code = code;
	}

	static boolean isFunction(Class<?> type) {
		return type.isHidden() && type.getName().contains("$$Lambda");
	}

	/**
	 * @param function a lambda or method reference
	 * @param hashValue hashes a captured value (by the caller's policy)
	 * @param hashState hashes the fields an implementation reads on the object it runs on
	 * @return the digest of its implementations and captured values
	 * @throws UnhashableValueException if no implementation can be found or fingerprinted
	 */
	byte[] digest(Object function, java.util.function.Function<@Nullable Object, byte[]> hashValue,
			BiFunction<List<Field>, Object, byte[]> hashState) {
		Class<?> type = function.getClass();
		List<LambdaSites.Site> candidates = this.sites.candidates(type);
		Field[] captured = capturedFields(type);
		if (candidates.isEmpty()) {
			throw new UnhashableValueException(type, "no implementation found");
		}
		List<byte[]> digests = new ArrayList<>();
		for (LambdaSites.Site site : candidates) {
			digests.add(digestOf(site, function, captured, hashValue, hashState));
		}
		digests.sort(Arrays::compareUnsigned);
		MessageDigest digest = Digests.sha256();
		if (candidates.size() > 1) {
			digest.update(THIS_JVM);
			digest.update(type.getName().getBytes(StandardCharsets.UTF_8));
		}
		for (byte[] candidate : digests) {
			digest.update(candidate);
		}
		return digest.digest();
	}

	private byte[] digestOf(LambdaSites.Site site, Object function, Field[] captured,
			java.util.function.Function<@Nullable Object, byte[]> hashValue, BiFunction<List<Field>, Object, byte[]> hashState) {
		MessageDigest digest = Digests.sha256();
		Object receiverValue = (site.receiverCaptured() && captured.length > 0) ? ObjectFields.read(captured[0], function) : null;
		MethodCode implementation = site.implementation().isEmpty() ? null
				: this.code.codeOf((receiverValue != null) ? site.implementationOn(receiverValue) : site.implementation().get());
		if (implementation != null) {
			digest.update(implementation.fingerprint());
		}
		else {
			digest.update(site.signature().getBytes(StandardCharsets.UTF_8));
		}
		for (int i = 0; i < captured.length; i++) {
			Object value = ObjectFields.read(captured[i], function);
			if (i == 0 && site.receiverCaptured() && implementation != null && value != null) {
				digest.update(hashState.apply(implementation.fieldsRead(), value));
			}
			else {
				digest.update(hashValue.apply(value));
			}
		}
		return digest.digest();
	}

	/** The hidden class's fields hold the captured values, in the order they were captured. */
	private static Field[] capturedFields(Class<?> type) {
		List<Field> fields = new ArrayList<>();
		for (Field field : type.getDeclaredFields()) {
			if (!Modifier.isStatic(field.getModifiers())) {
				try {
					field.setAccessible(true);
				}
				catch (RuntimeException ex) {
					throw new UnhashableValueException(type, "its captured values cannot be read (" + ex.getMessage() + ")");
				}
				fields.add(field);
			}
		}
		fields.sort(java.util.Comparator.comparingInt((field) -> LambdaSites.capturedIndex(field.getName())));
		return fields.toArray(Field[]::new);
	}

}
