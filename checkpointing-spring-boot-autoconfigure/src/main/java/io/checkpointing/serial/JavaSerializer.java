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
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Stores results with JDK serialization, for types Jackson cannot map. Reading is guarded by an
 * {@link ObjectInputFilter} that admits only the classes the declared return type can hold
 * (see {@link SerializableClosure}), so a planted payload cannot instantiate gadget classes.
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
		ObjectOutputStream objects = new ObjectOutputStream(out);
		objects.writeObject(value);
		objects.flush();
	}

	@Override
	public @Nullable Object read(InputStream in, Type type) throws IOException {
		SerializableClosure allowed = this.closures.computeIfAbsent(type, SerializableClosure::of);
		// No array in the stream can have more elements than the stream has bytes: a forged length
		// is refused before it is allocated.
		long streamBytes = Math.max(in.available(), 0);
		try (ObjectInputStream objects = new ObjectInputStream(in)) {
			objects.setObjectInputFilter((info) -> {
				if (info.depth() > MAX_DEPTH || info.arrayLength() > streamBytes) {
					return ObjectInputFilter.Status.REJECTED;
				}
				Class<?> serialClass = info.serialClass();
				if (serialClass == null) {
					return ObjectInputFilter.Status.UNDECIDED;
				}
				return allowed.admits(serialClass) ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
			});
			return objects.readObject();
		}
		catch (ClassNotFoundException ex) {
			throw new IOException("The stored result needs class " + ex.getMessage() + ", which is not on the class path", ex);
		}
	}

}
