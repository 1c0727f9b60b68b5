package io.checkpointing.serial;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Stores results with JDK serialization, for types Jackson cannot map. Reading is guarded by an
 * {@link ObjectInputFilter} that admits only the classes the declared return type can hold
 * (see {@link SerializableClosure}), so a planted payload cannot instantiate gadget classes.
 * A value read is then checked against the declared generic type, element by element (see
 * {@link DeclaredTypeCheck}). Writing refuses the classes the filter refuses, so that such a
 * result fails when it is stored, naming its class, rather than on every later read: a method
 * declared to return {@code Object} or {@code Serializable} can store only JDK value and
 * collection classes. Hibernate's persistent collections and proxies are written as the plain
 * collections and entities they hold; an association Hibernate has not loaded is refused, naming it.
 */
public final class JavaSerializer implements ResultSerializer {

	private static final int MAX_DEPTH = 1000;

	private final Map<Type, SerializableClosure> closures = new ConcurrentHashMap<>();

	@Override
	public String id() {
		return "java";
	}

	@Override
	public void write(@Nullable Object value, Type type, OutputStream out) throws IOException {
		if (value != null && !(value instanceof Serializable)) {
			throw new IOException(value.getClass().getName() + " does not implement java.io.Serializable");
		}
		ObjectOutputStream objects = new DeclaredClassesOutputStream(out, closureOf(type), type);
		objects.writeObject(value);
		objects.flush();
	}

	private SerializableClosure closureOf(Type type) {
		return this.closures.computeIfAbsent(type, SerializableClosure::of);
	}

	@Override
	public Optional<TypeProblem> checkType(Type type) {
		return SerializableTypeCheck.check(type);
	}

	@Override
	public @Nullable Object read(InputStream in, Type type) throws IOException {
		SerializableClosure allowed = closureOf(type);
		// No array in the stream can have more elements than the stream has bytes: a forged length
		// is refused before it is allocated.
		long streamBytes = Math.max(in.available(), 0);
		long[] references = new long[1];
		try (ObjectInputStream objects = new ObjectInputStream(in)) {
			objects.setObjectInputFilter((info) -> {
				references[0] = Math.max(references[0], info.references());
				if (info.depth() > MAX_DEPTH || info.arrayLength() > streamBytes) {
					return ObjectInputFilter.Status.REJECTED;
				}
				Class<?> serialClass = info.serialClass();
				if (serialClass == null) {
					return ObjectInputFilter.Status.UNDECIDED;
				}
				return allowed.admits(serialClass) ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
			});
			Object value = objects.readObject();
			DeclaredTypeCheck.requireFits(type, value, references[0]);
			return value;
		}
		catch (ClassNotFoundException ex) {
			throw new IOException("The stored result needs class " + ex.getMessage() + ", which is not on the class path", ex);
		}
	}

	/** Refuses, as each object is written, a class the reading filter would refuse. */
	private static final class DeclaredClassesOutputStream extends ObjectOutputStream {

		private final SerializableClosure allowed;

		private final Type declared;

		private boolean refused;

		DeclaredClassesOutputStream(OutputStream out, SerializableClosure allowed, Type declared) throws IOException {
			super(out);
			this.allowed = allowed;
			this.declared = declared;
			enableReplaceObject(true);
		}

		@Override
		protected Object replaceObject(Object original) throws IOException {
			// After a refusal the stream writes our exception into itself: let that one through.
			if (this.refused) {
				return original;
			}
			Object object;
			try {
				// Hibernate's collections and proxies are written as the plain collections and entities they hold.
				object = HibernateValues.isPresent() ? HibernateValues.plain(original) : original;
			}
			catch (IOException ex) {
				this.refused = true;
				throw ex;
			}
			// An enum constant with a body is an instance of a subclass, but is written as its enum.
			Class<?> type = (object instanceof Enum<?> constant) ? constant.getDeclaringClass() : object.getClass();
			if (!this.allowed.admits(type)) {
				this.refused = true;
				throw new IOException("the result contains a " + type.getName() + ", which the declared type "
						+ this.declared.getTypeName() + " cannot hold: only the classes of its serializable fields, "
						+ "recursively, and JDK value and collection classes are read back. Declare the method to return "
						+ type.getSimpleName() + " (or a type with a field of that class)");
			}
			return object;
		}

	}

}
