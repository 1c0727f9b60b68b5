package io.checkpointing.key;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import io.checkpointing.CheckpointException;
import org.jspecify.annotations.Nullable;

/**
 * The state part of a key: the current values of the fields of its own class that a method
 * reads, in the order it first reads them. A value with a canonical form (a number, a string,
 * a record, a configuration-properties object...) counts by value, so changing
 * {@code application.yml} reruns; an object with none (another bean, a client, a proxy) counts
 * by its type only.
 */
public final class StateReader {

	private final ArgumentHasher hasher;

	/**
	 * @param hasher hashes field values like arguments
	 */
	public StateReader(ArgumentHasher hasher) {
		this.hasher = hasher;
	}

	/**
	 * @param fields the fields the method reads
	 * @param target the object the method is called on, {@code null} for a static method
	 * @return the digest of each field's current value; instance fields of a static call are empty
	 */
	public byte[][] hashEach(List<Field> fields, @Nullable Object target) {
		byte[][] digests = new byte[fields.size()][];
		for (int i = 0; i < digests.length; i++) {
			Field field = fields.get(i);
			boolean isStatic = Modifier.isStatic(field.getModifiers());
			boolean readable = isStatic || field.getDeclaringClass().isInstance(target);
			digests[i] = readable ? hashOf(valueOf(field, isStatic ? null : target)) : new byte[0];
		}
		return digests;
	}

	/**
	 * @param fieldDigests the digests of {@link #hashEach}
	 * @return the state part of a key
	 */
	public static byte[] combine(byte[][] fieldDigests) {
		MessageDigest digest = Digests.sha256();
		for (byte[] fieldDigest : fieldDigests) {
			digest.update(fieldDigest);
		}
		return digest.digest();
	}

	private byte[] hashOf(@Nullable Object value) {
		if (value == null) {
			return this.hasher.hashValue(null);
		}
		if (Proxy.isProxyClass(value.getClass()) || value.getClass().getName().contains("$$")) {
			return typeIdentity(value.getClass());
		}
		try {
			return this.hasher.hashValue(value);
		}
		catch (UnhashableValueException ex) {
			return typeIdentity(value.getClass());
		}
	}

	private static byte[] typeIdentity(Class<?> type) {
		// A generated subclass (a proxy) names its user class first: keep only that part.
		String name = type.getName();
		int generated = name.indexOf("$$");
		String userType = (generated > 0) ? name.substring(0, generated) : name;
		return Digests.sha256().digest(("type:" + userType).getBytes(StandardCharsets.UTF_8));
	}

	private static @Nullable Object valueOf(Field field, @Nullable Object target) {
		try {
			field.setAccessible(true);
			return field.get(target);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new CheckpointException("Cannot read field '" + field.getName() + "' of " + field.getDeclaringClass().getName()
					+ ", which a checkpointed method reads: " + ex.getMessage(), ex);
		}
	}

}
