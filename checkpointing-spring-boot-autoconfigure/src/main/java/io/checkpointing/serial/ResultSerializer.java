package io.checkpointing.serial;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;

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

}
