package io.checkpointing.engine;

import java.io.IOException;
import java.lang.invoke.MethodType;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.checkpointing.CheckpointException;
import io.checkpointing.key.CallKey;
import io.checkpointing.serial.BuiltInSerializers;
import io.checkpointing.serial.ResultSerializer;
import io.checkpointing.serial.UnstorableTypeException;
import io.checkpointing.store.DamagedEntryException;
import io.checkpointing.store.Entry;
import io.checkpointing.store.EntryFormat;
import io.checkpointing.store.EntryHeader;
import io.checkpointing.store.EntrySigner;
import org.jspecify.annotations.Nullable;

/**
 * Turns results into entries and back: the serializer of each method, the entry format, the
 * signature, and the check that what a serializer read is of the method's stored type.
 */
final class EntryCodec {

	private final Map<String, ResultSerializer> serializers;

	private final @Nullable EntrySigner signer;

	private final Set<Method> readBackVerified = ConcurrentHashMap.newKeySet();

	EntryCodec(Map<String, ResultSerializer> serializers, @Nullable EntrySigner signer) {
		this.serializers = Map.copyOf(serializers);
		this.signer = signer;
	}

	/**
	 * @param method a checkpointed method
	 * @return the serializer it names, or the default one
	 * @throws CheckpointException naming the method if no serializer has that id
	 */
	ResultSerializer serializerOf(CheckpointedMethod method) {
		ResultSerializer serializer = this.serializers.get(method.serializerId());
		if (serializer == null) {
			throw new CheckpointException("Cannot checkpoint " + method.name() + ": no serializer has the id '"
					+ method.serializerId() + "'. Known serializers: " + this.serializers.keySet()
					+ ". Set checkpointing.serializer or @Checkpoint(serializer = ...) to one of them."
					+ BuiltInSerializers.missingDependency(method.serializerId()).map((hint) -> " " + hint).orElse(""));
		}
		return serializer;
	}

	/**
	 * Encodes a result. The first entry each method stores in this JVM is decoded right away, so
	 * that a type the serializer can write but not read back (no constructor, an interface with
	 * no known implementation) fails now, with the type named, instead of as a damaged entry on
	 * every later call.
	 * @throws IOException if the result cannot be written; an {@link UnstorableTypeException} if
	 * no result of its type can be written, or read back
	 */
	ByteBuffer encode(CheckpointedMethod method, CallKey key, ResultSerializer serializer, EntryHeader header,
			@Nullable Object value) throws IOException {
		ByteBuffer entry = EntryFormat.encode(key, header, (out) -> serializer.write(value, method.storedType(), out),
				this.signer);
		if (!this.readBackVerified.contains(method.method())) {
			try {
				decode(method, EntryFormat.decode(entry.duplicate(), key, this.signer));
			}
			catch (DamagedEntryException | UnusablePayloadException | RuntimeException ex) {
				throw new UnstorableTypeException("the serializer wrote it but cannot read it back (" + ex.getMessage() + ")",
						ex);
			}
			this.readBackVerified.add(method.method());
		}
		return entry;
	}

	/**
	 * @param bytes an entry read from the store
	 * @param key the key it was read under
	 * @return its header and payload, once its checksum, key and signature are verified
	 * @throws io.checkpointing.store.OutdatedFormatException if an earlier release wrote it
	 * @throws DamagedEntryException if it is damaged, was written for another key, or is not
	 * signed by this application's signer
	 */
	Entry open(ByteBuffer bytes, CallKey key) throws DamagedEntryException {
		return EntryFormat.decode(bytes, key, this.signer);
	}

	/**
	 * @param held an entry the memory tier holds, verified when it was kept
	 * @param key the key it was written for
	 * @return its header and payload
	 * @throws DamagedEntryException if it is damaged
	 */
	Entry openHeld(ByteBuffer held, CallKey key) throws DamagedEntryException {
		return EntryFormat.decode(held.duplicate(), key);
	}

	/**
	 * @param method the method whose result the entry holds
	 * @param entry a verified entry
	 * @return the result it holds
	 * @throws UnusablePayloadException if its payload cannot be read as the method's stored type
	 */
	@Nullable Object decode(CheckpointedMethod method, Entry entry) throws UnusablePayloadException {
		String serializerId = entry.header().serializerId();
		ResultSerializer serializer = this.serializers.get(serializerId);
		if (serializer == null) {
			throw new UnusablePayloadException(EntryDamage.unknownSerializer(serializerId), null);
		}
		Object value;
		try {
			value = serializer.read(entry.payload(), method.storedType());
		}
		catch (IOException | RuntimeException | StackOverflowError ex) {
			// A stack overflow is caught because the payload, not our code, chose how deep the reader recurses.
			throw new UnusablePayloadException(EntryDamage.unreadablePayload(serializerId, method.storedType(), ex), ex);
		}
		if (!holds(method.storedType(), value)) {
			// Serializers read into the declared type, but one that is not ours may not.
			throw new UnusablePayloadException(EntryDamage.wrongType(serializerId, method.storedType(), value), null);
		}
		return value;
	}

	/**
	 * @return whether the value can be returned for the type: an instance of its raw class, or
	 * {@code null} unless the type is primitive
	 */
	private static boolean holds(Type storedType, @Nullable Object value) {
		Class<?> raw = rawClass(storedType);
		if (value == null) {
			return !raw.isPrimitive() || raw == void.class;
		}
		if (raw.isPrimitive()) {
			return MethodType.methodType(raw).wrap().returnType().isInstance(value);
		}
		return raw.isInstance(value);
	}

	private static Class<?> rawClass(Type type) {
		if (type instanceof Class<?> clazz) {
			return clazz;
		}
		if (type instanceof ParameterizedType parameterized) {
			return rawClass(parameterized.getRawType());
		}
		if (type instanceof GenericArrayType array) {
			return rawClass(array.getGenericComponentType()).arrayType();
		}
		// A type variable or wildcard: its bounds are not checked, as erasure would not either.
		return Object.class;
	}

	/** A payload that cannot be turned into a value of the method's stored type. */
	static final class UnusablePayloadException extends Exception {

		private static final long serialVersionUID = 1L;

		private final transient EntryDamage damage;

		UnusablePayloadException(EntryDamage damage, @Nullable Throwable cause) {
			super(damage.reason(), cause, false, false);
			this.damage = damage;
		}

		EntryDamage damage() {
			return this.damage;
		}

	}

}
