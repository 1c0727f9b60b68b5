package io.checkpointing.serial;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.Optional;

import io.checkpointing.store.ByteBufferInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Turns a method's result into bytes and back, into the method's declared generic return type.
 * Implementations must be thread-safe. A serializer is chosen by its {@link #id()}, which is also
 * stored in every entry it writes.
 */
public interface ResultSerializer {

	/**
	 * @return the stable name of this serializer, such as {@code json}
	 */
	String id();

	/**
	 * @param value the result, possibly {@code null}
	 * @param type the declared type of the result
	 * @param out where to write; not to be closed
	 * @throws IOException if the value cannot be written
	 */
	void write(@Nullable Object value, Type type, OutputStream out) throws IOException;

	/**
	 * @param in the payload written by {@link #write}
	 * @param type the declared type of the result
	 * @return the value
	 * @throws IOException if the payload cannot be read back into {@code type}
	 */
	@Nullable Object read(InputStream in, Type type) throws IOException;

	/**
	 * Reads a payload that is already in memory, or mapped from a file. Serializers that can
	 * copy large parts in bulk straight from the buffer override this.
	 * @param payload the payload written by {@link #write}, from its position to its limit
	 * @param type the declared type of the result
	 * @return the value
	 * @throws IOException if the payload cannot be read back into {@code type}
	 */
	default @Nullable Object read(ByteBuffer payload, Type type) throws IOException {
		return read(new ByteBufferInputStream(payload), type);
	}

	/**
	 * Checks, before any result is stored, whether results of a declared type can be stored and
	 * read back, so that the application is told at startup. Only what certainly fails for every
	 * value is reported: a type whose values may or may not be storable (an interface, whose
	 * implementation only a value shows) is not.
	 * @param type the declared type of a method's results
	 * @return what cannot be stored, or empty if results of the type can be stored or this
	 * serializer cannot tell before it sees a value (the default)
	 */
	default Optional<TypeProblem> checkType(Type type) {
		return Optional.empty();
	}

}
