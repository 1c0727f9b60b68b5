package io.checkpointing.key;

import java.io.File;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feeds the canonical byte form of a value into a digest: equal values give equal bytes in every
 * JVM, whatever their identity hash codes or the iteration order of their sets and maps.
 *
 * <p>Every value starts with a one-byte tag, so values of different types never share an
 * encoding; variable-length parts carry their length. Large primitive arrays are fed in bulk.
 */
final class CanonicalEncoder {

	private static final int MAX_DEPTH = 256;

	private static final int CHUNK_BYTES = 64 * 1024;

	private static final Comparator<byte[]> UNSIGNED = Arrays::compareUnsigned;

	private final MessageDigest digest;

	private final JsonMapper beanMapper;

	private final ByteBuffer scratch = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);

	/** For arrays and strings, allocated on demand: most keys are a few small values, and hits pay for this. */
	private @Nullable ByteBuffer chunk;

	private int depth;

	/** The containers being encoded, by identity: meeting one again means it contains itself. */
	private final Set<Object> enclosing;

	CanonicalEncoder(MessageDigest digest, JsonMapper beanMapper) {
		this(digest, beanMapper, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
	}

	private CanonicalEncoder(MessageDigest digest, JsonMapper beanMapper, Set<Object> enclosing) {
		this.digest = digest;
		this.beanMapper = beanMapper;
		this.enclosing = enclosing;
	}

	void encode(@Nullable Object value) {
		if (++this.depth > MAX_DEPTH) {
			throw new UnhashableValueException((value != null) ? value.getClass() : Object.class,
					"it is nested more than " + MAX_DEPTH + " levels deep");
		}
		boolean container = value instanceof Collection<?> || value instanceof Map<?, ?> || value instanceof Object[];
		if (value != null && container && !this.enclosing.add(value)) {
			this.depth--;
			throw new UnhashableValueException(value.getClass(), "it contains itself");
		}
		try {
			encodeValue(value);
		}
		finally {
			this.depth--;
			if (container) {
				this.enclosing.remove(value);
			}
		}
	}

	private void encodeValue(@Nullable Object value) {
		if (value == null) {
			tag(Tag.NULL);
		}
		else if (value instanceof String string) {
			tag(Tag.STRING);
			chars(string);
		}
		else if (value instanceof Integer number) {
			tag(Tag.INT);
			putInt(number);
		}
		else if (value instanceof Long number) {
			tag(Tag.LONG);
			putLong(number);
		}
		else if (value instanceof Double number) {
			tag(Tag.DOUBLE);
			putLong(Double.doubleToLongBits(number));
		}
		else if (value instanceof Boolean bool) {
			tag(Tag.BOOLEAN);
			this.digest.update((byte) (bool ? 1 : 0));
		}
		else if (value instanceof Float number) {
			tag(Tag.FLOAT);
			putInt(Float.floatToIntBits(number));
		}
		else if (value instanceof Short number) {
			tag(Tag.SHORT);
			putInt(number);
		}
		else if (value instanceof Byte number) {
			tag(Tag.BYTE);
			this.digest.update(number);
		}
		else if (value instanceof Character character) {
			tag(Tag.CHAR);
			putInt(character);
		}
		else if (value instanceof Enum<?> constant) {
			tag(Tag.ENUM);
			utf8(constant.getDeclaringClass().getName());
			utf8(constant.name());
		}
		else if (value instanceof BigDecimal decimal) {
			// Scale is kept: 1.0 and 1.00 print differently, so a method may return different results.
			tag(Tag.BIG_DECIMAL);
			bytes(decimal.unscaledValue().toByteArray());
			putInt(decimal.scale());
		}
		else if (value instanceof BigInteger integer) {
			tag(Tag.BIG_INTEGER);
			bytes(integer.toByteArray());
		}
		else if (value instanceof UUID uuid) {
			tag(Tag.UUID);
			putLong(uuid.getMostSignificantBits());
			putLong(uuid.getLeastSignificantBits());
		}
		else if (isJavaTime(value)) {
			// java.time values print their full state in ISO form, which parses back to an equal value.
			tag(Tag.TIME);
			utf8(value.getClass().getName());
			utf8(value.toString());
		}
		else if (value instanceof Path path) {
			tag(Tag.PATH);
			chars(path.normalize().toString());
		}
		else if (value instanceof File file) {
			tag(Tag.PATH);
			chars(file.toPath().normalize().toString());
		}
		else if (value.getClass().isArray()) {
			encodeArray(value);
		}
		else if (value instanceof Set<?> set) {
			tag(Tag.SET);
			unordered(set.stream().map(this::digestOf).toList());
		}
		else if (value instanceof Collection<?> collection) {
			tag(Tag.LIST);
			putInt(collection.size());
			collection.forEach(this::encode);
		}
		else if (value instanceof Map<?, ?> map) {
			tag(Tag.MAP);
			unordered(map.entrySet().stream().map((entry) -> digestOfPair(entry.getKey(), entry.getValue())).toList());
		}
		else if (value instanceof Optional<?> optional) {
			tag(Tag.OPTIONAL);
			encode(optional.orElse(null));
		}
		else if (value instanceof OptionalInt optional) {
			tag(Tag.OPTIONAL);
			encode(optional.isPresent() ? optional.getAsInt() : null);
		}
		else if (value instanceof OptionalLong optional) {
			tag(Tag.OPTIONAL);
			encode(optional.isPresent() ? optional.getAsLong() : null);
		}
		else if (value instanceof OptionalDouble optional) {
			tag(Tag.OPTIONAL);
			encode(optional.isPresent() ? optional.getAsDouble() : null);
		}
		else if (value instanceof Record record) {
			encodeRecord(record);
		}
		else {
			encodeBean(value);
		}
	}

	private static boolean isJavaTime(Object value) {
		return (value instanceof TemporalAccessor || value instanceof TemporalAmount || value instanceof ZoneId)
				&& value.getClass().getName().startsWith("java.time.");
	}

	private void encodeArray(Object array) {
		Class<?> component = array.getClass().getComponentType();
		if (component.isPrimitive()) {
			tag(Tag.PRIMITIVE_ARRAY);
			utf8(component.getName());
			putInt(Array.getLength(array));
			PrimitiveArrays.feed(array, this.digest, chunk(Array.getLength(array) * 8L));
			return;
		}
		tag(Tag.OBJECT_ARRAY);
		utf8(component.getName());
		Object[] elements = (Object[]) array;
		putInt(elements.length);
		for (Object element : elements) {
			encode(element);
		}
	}

	private void encodeRecord(Record record) {
		tag(Tag.RECORD);
		utf8(record.getClass().getName());
		RecordComponent[] components = record.getClass().getRecordComponents();
		putInt(components.length);
		for (RecordComponent component : components) {
			encode(accessorValue(record, component));
		}
	}

	private static @Nullable Object accessorValue(Record record, RecordComponent component) {
		try {
			component.getAccessor().setAccessible(true);
			return component.getAccessor().invoke(record);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new UnhashableValueException(record.getClass(),
					"its component '" + component.getName() + "' could not be read: " + ex);
		}
	}

	/** Plain objects are hashed by the properties Jackson sees, as they would be written to JSON. */
	private void encodeBean(Object bean) {
		Class<?> type = bean.getClass();
		String reason = BeanEligibility.whyNot(type);
		if (reason != null) {
			throw new UnhashableValueException(type, reason);
		}
		JsonNode tree;
		try {
			tree = this.beanMapper.valueToTree(bean);
		}
		catch (JacksonException ex) {
			throw new UnhashableValueException(type, "it has no properties that describe its value ("
					+ ex.getOriginalMessage() + ")");
		}
		tag(Tag.BEAN);
		utf8(type.getName());
		encodeTree(tree);
	}

	private void encodeTree(JsonNode node) {
		switch (node.getNodeType()) {
			case OBJECT -> {
				tag(Tag.MAP);
				List<String> names = new ArrayList<>(node.propertyNames());
				names.sort(Comparator.naturalOrder());
				putInt(names.size());
				for (String name : names) {
					chars(name);
					encodeTree(node.get(name));
				}
			}
			case ARRAY -> {
				tag(Tag.LIST);
				putInt(node.size());
				for (JsonNode element : node) {
					encodeTree(element);
				}
			}
			case NUMBER -> encode(node.numberValue());
			case STRING -> encode(node.stringValue());
			case BOOLEAN -> encode(node.booleanValue());
			case BINARY -> encode(node.binaryValue());
			case NULL, MISSING -> tag(Tag.NULL);
			case POJO -> throw new UnhashableValueException(Object.class, "it holds a value Jackson cannot describe");
		}
	}

	private byte[] digestOf(@Nullable Object value) {
		MessageDigest own = Digests.sha256();
		new CanonicalEncoder(own, this.beanMapper, this.enclosing).encodeNested(value, this.depth);
		return own.digest();
	}

	private byte[] digestOfPair(@Nullable Object key, @Nullable Object value) {
		MessageDigest own = Digests.sha256();
		CanonicalEncoder encoder = new CanonicalEncoder(own, this.beanMapper, this.enclosing);
		encoder.encodeNested(key, this.depth);
		encoder.encodeNested(value, this.depth);
		return own.digest();
	}

	private void encodeNested(@Nullable Object value, int parentDepth) {
		this.depth = parentDepth;
		encode(value);
	}

	/** Elements of sets and maps are hashed one by one and fed in sorted order: order-free, still exact. */
	private void unordered(List<byte[]> elementDigests) {
		List<byte[]> sorted = new ArrayList<>(elementDigests);
		sorted.sort(UNSIGNED);
		putInt(sorted.size());
		for (Iterator<byte[]> it = sorted.iterator(); it.hasNext();) {
			this.digest.update(it.next());
		}
	}

	private ByteBuffer chunk(long bytesToFeed) {
		int wanted = (int) Math.min(CHUNK_BYTES, Math.max(64, bytesToFeed));
		if (this.chunk == null || this.chunk.capacity() < wanted) {
			this.chunk = ByteBuffer.allocate(wanted).order(ByteOrder.LITTLE_ENDIAN);
		}
		return this.chunk;
	}

	private void tag(Tag tag) {
		this.digest.update((byte) tag.ordinal());
	}

	private void putInt(int value) {
		this.scratch.clear();
		this.scratch.putInt(value).flip();
		this.digest.update(this.scratch);
	}

	private void putLong(long value) {
		this.scratch.clear();
		this.scratch.putLong(value).flip();
		this.digest.update(this.scratch);
	}

	private void bytes(byte[] bytes) {
		putInt(bytes.length);
		this.digest.update(bytes);
	}

	private void utf8(String text) {
		bytes(text.getBytes(StandardCharsets.UTF_8));
	}

	/** Strings are fed as UTF-16 code units, so even unpaired surrogates keep distinct strings distinct. */
	private void chars(String text) {
		putInt(text.length());
		PrimitiveArrays.feed(text, this.digest, chunk(text.length() * 2L));
	}

	/** One byte per kind of value. The ordinals are part of every key: append, never reorder. */
	private enum Tag {

		NULL, STRING, INT, LONG, DOUBLE, BOOLEAN, FLOAT, SHORT, BYTE, CHAR, ENUM, BIG_DECIMAL, BIG_INTEGER, UUID, TIME,
		PATH, PRIMITIVE_ARRAY, OBJECT_ARRAY, SET, LIST, MAP, OPTIONAL, RECORD, BEAN

	}

}
