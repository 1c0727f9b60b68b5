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
 * a record, a configuration-properties object, an application object by its whole state...)
 * counts by value, so changing {@code application.yml} reruns; a proxy, an object of a released
 * library (a client, a template) or one with no canonical form counts by its type only, a JDK
 * proxy by the interfaces it implements (and the type of its target, when it has one), never by
 * its generated class name, which changes with the order beans are created in. A value
 * the reached code reads only through plain accessors counts by the fields behind them
 * ({@link MethodCode#partsRead}).
 */
public final class StateReader {

	private final ArgumentHasher hasher;

	private final ManagedObjects managed;

	/**
	 * @param hasher hashes field values like arguments
	 */
	public StateReader(ArgumentHasher hasher) {
		this(hasher, ManagedObjects.NONE);
	}

	/**
	 * @param hasher hashes field values like arguments
	 * @param managed unwraps references to collaborators and tells them from values
	 */
	public StateReader(ArgumentHasher hasher, ManagedObjects managed) {
		this.hasher = hasher;
		this.managed = managed;
	}

	/**
	 * The state of a call, following collaborators: a field that holds another bean (through a
	 * proxy, a lazy reference, a provider or a list of beans) counts by the fields the reached
	 * code reads on that bean, recursively, so its {@code @Value} or configuration-properties
	 * field changing reruns, and nothing else of it counts.
	 * @param paths the method's code and the paths found so far
	 * @param target the object the method is called on, {@code null} for a static method
	 * @return the digest of each field's current value, as {@link #hashEach(List, Object)}
	 */
	public byte[][] hashEach(StatePaths paths, @Nullable Object target) {
		List<Field> fields = paths.code().fieldsRead();
		byte[][] digests = new byte[fields.size()][];
		if (digests.length == 0) {
			return digests; // most keyed methods read no state: a hit allocates nothing here
		}
		java.util.IdentityHashMap<Object, Integer> visited = new java.util.IdentityHashMap<>();
		if (target != null) {
			visited.put(target, 0);
		}
		for (int i = 0; i < digests.length; i++) {
			Field field = fields.get(i);
			boolean isStatic = Modifier.isStatic(field.getModifiers());
			boolean readable = isStatic || field.getDeclaringClass().isInstance(target);
			digests[i] = readable ? follow(valueOf(field, isStatic ? null : target), field, paths, visited) : new byte[0];
		}
		return digests;
	}

	/** @param field the field the value is read from, {@code null} for a bean of a list of beans */
	private byte[] follow(@Nullable Object value, @Nullable Field field, StatePaths paths,
			java.util.IdentityHashMap<Object, Integer> visited) {
		if (value == null) {
			return hashOf(null);
		}
		Object resolved = this.managed.targetOf(value);
		if (resolved instanceof java.util.Collection<?> beans && beans.stream().anyMatch(this::isCollaborator)) {
			MessageDigest digest = Digests.sha256();
			digest.update("collaborators".getBytes(StandardCharsets.UTF_8));
			for (Object bean : beans) {
				digest.update(follow(bean, null, paths, visited));
			}
			return digest.digest();
		}
		if (!isCollaborator(resolved)) {
			List<Field> parts = (field != null) ? paths.code().partsRead(field) : null;
			byte[] own = (parts != null && parts.stream().allMatch((part) -> part.getDeclaringClass().isInstance(resolved)))
					? hashParts(resolved, parts) : hashOf(resolved);
			return (resolved != value && Proxy.isProxyClass(value.getClass())) ? throughProxy(value, own) : own;
		}
		MessageDigest digest = Digests.sha256();
		digest.update(("collaborator:" + ValuePolicy.userType(resolved.getClass())).getBytes(StandardCharsets.UTF_8));
		Integer metAt = visited.putIfAbsent(resolved, visited.size());
		if (metAt != null) {
			// Beans that call each other: the one met again counts by where it was first met.
			digest.update(("again:" + metAt).getBytes(StandardCharsets.UTF_8));
			return digest.digest();
		}
		for (Field read : paths.readsOn(resolved.getClass())) {
			digest.update(read.getName().getBytes(StandardCharsets.UTF_8));
			digest.update(follow(ObjectFields.read(read, resolved), read, paths, visited));
		}
		return digest.digest();
	}

	/**
	 * A JDK proxy unwrapped to a target that is no bean of the application (a Spring Data
	 * repository's {@code SimpleJpaRepository}, shared by every repository) counts by the
	 * interfaces the proxy implements as well as by the target, so that two repositories differ.
	 */
	private static byte[] throughProxy(Object proxy, byte[] target) {
		MessageDigest digest = Digests.sha256();
		digest.update(("through:" + ValuePolicy.userType(proxy.getClass())).getBytes(StandardCharsets.UTF_8));
		digest.update(target);
		return digest.digest();
	}

	/**
	 * A value the reached code reads only through plain accessors counts by its type and the
	 * fields behind them; each of those counts whole.
	 */
	private byte[] hashParts(Object value, List<Field> parts) {
		MessageDigest digest = Digests.sha256();
		digest.update(("parts:" + ValuePolicy.userType(value.getClass())).getBytes(StandardCharsets.UTF_8));
		for (Field part : parts) {
			part.setAccessible(true);
			digest.update((part.getDeclaringClass().getName() + "." + part.getName()).getBytes(StandardCharsets.UTF_8));
			digest.update(hashOf(ObjectFields.read(part, value)));
		}
		return digest.digest();
	}

	private boolean isCollaborator(@Nullable Object object) {
		return object != null && this.managed.isCollaborator(object.getClass());
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
			return this.hasher.hashState(null);
		}
		try {
			return this.hasher.hashState(value);
		}
		catch (UnhashableValueException ex) {
			return typeIdentity(value.getClass());
		}
	}

	private static byte[] typeIdentity(Class<?> type) {
		return Digests.sha256().digest(("type:" + ValuePolicy.userType(type)).getBytes(StandardCharsets.UTF_8));
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
