package io.checkpointing.serial;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores results with Jackson, typed by the method's declared return type, never by type names
 * in the payload: polymorphic default typing stays off, so a payload cannot choose which
 * classes get instantiated.
 *
 * <p>Decoding is strict (unknown properties and {@code null} for primitives fail): a payload
 * that no longer fits the type is a miss that recomputes, not a half-filled object.
 */
public final class JacksonSerializer implements ResultSerializer {

	private final String id;

	private final ObjectMapper mapper;

	/**
	 * @param id the serializer's id
	 * @param mapper the mapper, configured for its format
	 */
	public JacksonSerializer(String id, ObjectMapper mapper) {
		this.id = id;
		this.mapper = mapper;
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
		return builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public void write(@Nullable Object value, Type type, OutputStream out) throws IOException {
		try {
			this.mapper.writerFor(javaType(type)).writeValue(out, value);
		}
		catch (JacksonException ex) {
			throw new IOException(ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public @Nullable Object read(InputStream in, Type type) throws IOException {
		try {
			return this.mapper.readerFor(javaType(type)).readValue(in);
		}
		catch (JacksonException ex) {
			throw new IOException(ex.getOriginalMessage(), ex);
		}
	}

	private JavaType javaType(Type type) {
		return this.mapper.constructType(type);
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
