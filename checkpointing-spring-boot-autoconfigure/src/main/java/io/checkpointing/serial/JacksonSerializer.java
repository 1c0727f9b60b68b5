package io.checkpointing.serial;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.checkpointing.store.ByteBufferInputStream;
import io.checkpointing.store.KnownRemaining;
import io.checkpointing.store.ReservableOutput;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores results with Jackson, typed by the method's declared return type, never by type names
 * in the payload: polymorphic default typing stays off, so a payload cannot choose which
 * classes get instantiated.
 *
 * <p>Objects are stored by their state, their fields, not by their getters (see
 * {@link ObjectState}), so what is written is exactly what is read. Decoding is strict: a
 * payload that no longer fits the type is a miss that recomputes, not a half-filled object.
 * With Hibernate on the class path, its persistent collections are stored as plain collections,
 * its proxies as the entities they stand for, and associations it has not loaded as absent
 * (see {@link HibernateValues}).
 *
 * <p>Primitive arrays of {@value OutOfBandBlocks#MIN_BYTES} bytes or more, anywhere in the
 * value, are written after the document as raw blocks and read back with bulk copies (see
 * {@link OutOfBandBlocks}); the document holds a small placeholder for each. A value without
 * such arrays is a plain document.
 */
public final class JacksonSerializer implements ResultSerializer {

	private final String id;

	private final ObjectMapper mapper;

	/** Per declared type: building a reader or writer costs more than reading a small result. */
	private final Map<Type, ObjectReader> readers = new ConcurrentHashMap<>();

	private final Map<Type, ObjectWriter> writers = new ConcurrentHashMap<>();

	/**
	 * @param id the serializer's id
	 * @param mapper the mapper, configured for its format
	 */
	public JacksonSerializer(String id, ObjectMapper mapper) {
		this.id = id;
		this.mapper = mapper.rebuild().addModule(OutOfBandArrays.module()).build();
	}

	/**
	 * @return a serializer that writes JSON, id {@code json}
	 */
	public static JacksonSerializer json() {
		return new JacksonSerializer("json", strict(JsonMapper.builder()).build());
	}

	/**
	 * @return a serializer that writes Smile, Jackson's binary JSON, id {@code smile}
	 */
	public static JacksonSerializer smile() {
		return Smile.serializer();
	}

	/**
	 * @return a serializer that writes CBOR, id {@code cbor}
	 */
	public static JacksonSerializer cbor() {
		return Cbor.serializer();
	}

	static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B strict(B builder) {
		B configured = ObjectState.configure(builder);
		return HibernateValues.isPresent() ? configured.addModule(HibernateValues.jacksonModule()) : configured;
	}

	/**
	 * @param modules Jackson modules for types of a library, such as Spring Data's {@code Page}
	 * @return a serializer of the same id and format that also uses these modules
	 */
	public JacksonSerializer withModules(JacksonModule... modules) {
		return new JacksonSerializer(this.id, this.mapper.rebuild().addModules(modules).build());
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public void write(@Nullable Object value, Type type, OutputStream out) throws IOException {
		OutOfBandBlocks blocks = new OutOfBandBlocks();
		Document document = new Document();
		try {
			this.writers.computeIfAbsent(type, (key) -> this.mapper.writerFor(javaType(key))).withAttribute(OutOfBandArrays.BLOCKS, blocks).writeValue(document, value);
		}
		catch (InvalidDefinitionException ex) {
			// Jackson has no way to write the type: any other value of it fails alike.
			throw new UnstorableTypeException(ex.getOriginalMessage(), ex);
		}
		catch (JacksonException ex) {
			throw new IOException(ex.getOriginalMessage(), ex);
		}
		if (blocks.isEmpty()) {
			if (out instanceof ReservableOutput reservable) {
				reservable.reserve(document.size());
			}
			document.writeTo(out);
		}
		else {
			document.writeWith(blocks, out);
		}
	}

	@Override
	public Optional<TypeProblem> checkType(Type type) {
		return new JacksonTypeCheck(this.mapper).check(type);
	}

	/**
	 * Reads as the bytes arrive: a document is parsed from the stream and each out-of-band array
	 * read straight into its array ({@link StreamedBlocks}), so that the payload is never in the
	 * heap whole beside the value it holds.
	 */
	@Override
	public @Nullable Object read(InputStream in, Type type) throws IOException {
		long size = (in instanceof KnownRemaining known) ? known.remainingBytes() : -1;
		PushbackInputStream payload = new PushbackInputStream(in, 1);
		int first = payload.read();
		if (first < 0) {
			return read(ByteBuffer.allocate(0), type);
		}
		payload.unread(first);
		try {
			if ((byte) first != OutOfBandBlocks.MARKER) {
				return readerFor(type).readValue(payload);
			}
			StreamedBlocks blocks = StreamedBlocks.read(payload, size);
			Object value = readDocument(readerFor(type).withAttribute(OutOfBandArrays.BLOCKS, blocks),
					ByteBuffer.wrap(blocks.document()));
			blocks.finish();
			return value;
		}
		catch (JacksonException ex) {
			throw new IOException(ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public @Nullable Object read(ByteBuffer payload, Type type) throws IOException {
		try {
			if (!OutOfBandBlocks.hasBlocks(payload)) {
				return readDocument(readerFor(type), payload);
			}
			OutOfBandBlocks.Frame frame = OutOfBandBlocks.read(payload);
			return readDocument(readerFor(type).withAttribute(OutOfBandArrays.BLOCKS, frame),
					frame.document());
		}
		catch (JacksonException ex) {
			throw new IOException(ex.getOriginalMessage(), ex);
		}
	}

	private static @Nullable Object readDocument(ObjectReader reader, ByteBuffer document) {
		if (document.hasArray()) {
			return reader.readValue(document.array(), document.arrayOffset() + document.position(), document.remaining());
		}
		return reader.readValue(new ByteBufferInputStream(document.duplicate()));
	}

	private ObjectReader readerFor(Type type) {
		return this.readers.computeIfAbsent(type, (key) -> this.mapper.readerFor(javaType(key)));
	}

	private JavaType javaType(Type type) {
		return this.mapper.constructType(type);
	}

	/** The document, before it is known whether blocks follow it. */
	private static final class Document extends ByteArrayOutputStream {

		void writeWith(OutOfBandBlocks blocks, OutputStream out) throws IOException {
			blocks.writeWith(this.buf, this.count, out);
		}

	}

	/**
	 * Smile and CBOR are optional libraries: their mappers are only named in these holders, so
	 * that loading and verifying this class never needs them.
	 */
	private static final class Smile {

		static JacksonSerializer serializer() {
			return new JacksonSerializer("smile", strict(tools.jackson.dataformat.smile.SmileMapper.builder()).build());
		}

	}

	private static final class Cbor {

		static JacksonSerializer serializer() {
			return new JacksonSerializer("cbor", strict(tools.jackson.dataformat.cbor.CBORMapper.builder()).build());
		}

	}

}
