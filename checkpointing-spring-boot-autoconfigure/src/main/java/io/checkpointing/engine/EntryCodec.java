package io.checkpointing.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodType;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
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
import io.checkpointing.store.StreamedEntry;
import org.jspecify.annotations.Nullable;

/**
 * Turns results into entries and back: the serializer of each method, the entry format, the
 * signature, and the check that what a serializer read is of the method's stored type.
 */
final class EntryCodec {

	/**
	 * The largest entry read back after it is written: a larger one would be held twice, as its
	 * result and as its bytes, once more than streaming needs.
	 */
	static final long READ_BACK_MAX_BYTES = 8L * 1024 * 1024;

	private final Map<String, ResultSerializer> serializers;

	private final @Nullable EntrySigner signer;

	private final Set<CheckpointedMethod.Identity> readBackVerified = ConcurrentHashMap.newKeySet();

	EntryCodec(Map<String, ResultSerializer> serializers, @Nullable EntrySigner signer) {
		this.serializers = Map.copyOf(serializers);
		this.signer = signer;
	}

	/** @return whether this application has the serializer of that id, which a load needs */
	boolean knowsSerializer(String serializerId) {
		return this.serializers.containsKey(serializerId);
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
	 * Prepares the entry of a result, to be written into a backend's stream. Until a method's
	 * entry was read back once, a copy of an entry up to {@value #READ_BACK_MAX_BYTES} bytes is
	 * kept for {@link #readBack}.
	 * @param keepUpTo the largest entry of which a copy is wanted anyway (for the memory tier);
	 * 0 for none
	 */
	ResultEntryWriter writer(CheckpointedMethod method, CallKey key, ResultSerializer serializer, EntryHeader header,
			@Nullable Object value, long keepUpTo) {
		long readBack = this.readBackVerified.contains(method.identity()) ? 0 : READ_BACK_MAX_BYTES;
		return new ResultEntryWriter(key, header, (out) -> serializer.write(value, method.storedType(), out), this.signer,
				Math.max(keepUpTo, readBack));
	}

	/**
	 * Decodes the first entry each method stores in this JVM right after it was written, so that
	 * a type the serializer can write but not read back (no constructor, an interface with no
	 * known implementation) fails now, with the type named, instead of as a damaged entry on every
	 * later call. A larger entry than {@value #READ_BACK_MAX_BYTES} bytes is not read back: that
	 * would hold the result twice; the next small one is.
	 * @param written the writer of the entry, once it wrote it
	 * @throws UnstorableTypeException if the entry cannot be read back
	 */
	void readBack(CheckpointedMethod method, CallKey key, ResultEntryWriter written) throws UnstorableTypeException {
		ByteBuffer entry = written.kept();
		if (entry == null || this.readBackVerified.contains(method.identity())) {
			return;
		}
		try {
			decode(method, EntryFormat.decode(entry.duplicate(), key, this.signer));
		}
		catch (DamagedEntryException | UnusablePayloadException | RuntimeException ex) {
			throw new UnstorableTypeException("the serializer wrote it but cannot read it back (" + ex.getMessage() + ")",
					ex);
		}
		this.readBackVerified.add(method.identity());
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
	 * @param in an entry a backend streams, from its first byte
	 * @param key the key it was read under
	 * @return the entry, its header read and its key checked, its payload unread
	 * @throws io.checkpointing.store.OutdatedFormatException if an earlier release wrote it
	 * @throws DamagedEntryException if its header is damaged, it was written for another key, or
	 * it is not signed though this application signs
	 * @throws IOException if the stream fails
	 */
	StreamedEntry open(InputStream in, CallKey key) throws DamagedEntryException, IOException {
		return EntryFormat.open(in, key, this.signer);
	}

	/**
	 * Reads the result of a streamed entry, then its checksum and signature: the value is
	 * returned only if they match. With a signer, the other way round: nothing unsigned is
	 * deserialized.
	 * @param method the method whose result the entry holds
	 * @param entry an entry opened from a stream, its payload unread
	 * @return the result it holds
	 * @throws DamagedEntryException if the entry turns out damaged, truncated or not signed by
	 * this application's signer
	 * @throws UnusablePayloadException if its payload cannot be read as the method's stored type
	 * @throws IOException if the stream fails
	 */
	@Nullable Object decode(CheckpointedMethod method, StreamedEntry entry)
			throws DamagedEntryException, UnusablePayloadException, IOException {
		if (this.signer != null) {
			return decodeVerifiedFirst(method, entry);
		}
		Object value;
		try {
			value = decode(method, entry.header(), (serializer) -> serializer.read(entry.payload(), method.storedType()));
		}
		catch (UnusablePayloadException ex) {
			// A damaged payload often fails the serializer first: damage is the better reason.
			entry.verify();
			throw ex;
		}
		entry.verify();
		return value;
	}

	/**
	 * A signing application deserializes nothing it has not verified, whatever the serializer: the
	 * payload is spooled to a temporary file (readable by this user only) while its checksum and
	 * signature are computed, and read from there once they match.
	 */
	private @Nullable Object decodeVerifiedFirst(CheckpointedMethod method, StreamedEntry entry)
			throws DamagedEntryException, UnusablePayloadException, IOException {
		Path spooled = Files.createTempFile("checkpointing-", ".payload");
		try {
			try (OutputStream out = Files.newOutputStream(spooled)) {
				entry.payload().transferTo(out);
			}
			entry.verify();
			try (InputStream payload = new SpooledPayload(spooled)) {
				return decode(method, entry.header(), (serializer) -> serializer.read(payload, method.storedType()));
			}
		}
		finally {
			Files.deleteIfExists(spooled);
		}
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
		return decode(method, entry.header(), (serializer) -> serializer.read(entry.payload(), method.storedType()));
	}

	private @Nullable Object decode(CheckpointedMethod method, EntryHeader header, PayloadReader reader)
			throws UnusablePayloadException {
		String serializerId = header.serializerId();
		ResultSerializer serializer = this.serializers.get(serializerId);
		if (serializer == null) {
			throw new UnusablePayloadException(EntryDamage.unknownSerializer(serializerId), null);
		}
		Object value;
		try {
			value = reader.read(serializer);
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

	/** Reads a payload, in memory or streamed, with the serializer its entry names. */
	@FunctionalInterface
	private interface PayloadReader {

		@Nullable Object read(ResultSerializer serializer) throws IOException;

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
