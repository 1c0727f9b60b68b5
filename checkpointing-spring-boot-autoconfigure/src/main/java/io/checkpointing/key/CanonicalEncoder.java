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
import java.nio.charset.Charset;
import java.util.Collection;
import java.util.Currency;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Feeds the canonical byte form of a value into a digest: equal values give equal bytes in every
 * JVM, whatever their identity hash codes or the iteration order of their sets and maps.
 *
 * <p>Every value starts with a one-byte tag, so values of different types never share an
 * encoding; variable-length parts carry their length. Large primitive arrays are fed in bulk.
 *
 * <p>A plain object counts by its whole instance state, field by field (see {@link ObjectFields}).
 * An object met again inside itself (a cycle: a child pointing back to its parent, a list holding
 * itself) is encoded as a reference to how many levels up it was first met, so cyclic graphs of
 * the same shape and values encode alike and nothing recurses forever.
 */
final class CanonicalEncoder {

	private static final int MAX_DEPTH = 256;

	private static final int CHUNK_BYTES = 64 * 1024;

	private static final Comparator<byte[]> UNSIGNED = Arrays::compareUnsigned;

	private final MessageDigest digest;

	private final ValuePolicy policy;

	/** Keys lambdas and method references by their code; {@code null} where functions are refused. */
	private final @Nullable FunctionValues functions;

	private final ByteBuffer scratch = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);

	/** For arrays and strings, allocated on demand: most keys are a few small values, and hits pay for this. */
	private @Nullable ByteBuffer chunk;

	private int depth;

	/** The objects being encoded, by identity, with the depth each was met at. */
	private final Map<Object, Integer> enclosing;

	CanonicalEncoder(MessageDigest digest, ValuePolicy policy, @Nullable FunctionValues functions) {
		this(digest, policy, functions, new java.util.IdentityHashMap<>());
	}

	private CanonicalEncoder(MessageDigest digest, ValuePolicy policy, @Nullable FunctionValues functions,
			Map<Object, Integer> enclosing) {
		this.digest = digest;
		this.policy = policy;
		this.functions = functions;
		this.enclosing = enclosing;
	}

	void encode(@Nullable Object value) {
		if (++this.depth > MAX_DEPTH) {
			throw new UnhashableValueException((value != null) ? value.getClass() : Object.class,
					"it is nested more than " + MAX_DEPTH + " levels deep");
		}
		boolean composite = isComposite(value);
		if (composite) {
			Integer metAt = this.enclosing.putIfAbsent(value, this.depth);
			if (metAt != null) {
				tag(ValueTag.CYCLE);
				putInt(this.depth - metAt);
				this.depth--;
				return;
			}
		}
		try {
			encodeValue(value);
		}
		finally {
			this.depth--;
			if (composite) {
				this.enclosing.remove(value);
			}
		}
	}

	/** Values that can hold other values, so that a graph of them may lead back to one. */
	private static boolean isComposite(@Nullable Object value) {
		return value != null && !(value instanceof String || value instanceof Number || value instanceof Boolean
				|| value instanceof Character || value instanceof Enum<?> || isJavaTime(value));
	}

	private void encodeValue(@Nullable Object value) {
		if (value == null) {
			tag(ValueTag.NULL);
		}
		else if (value instanceof String string) {
			tag(ValueTag.STRING);
			chars(string);
		}
		else if (value instanceof Integer number) {
			tag(ValueTag.INT);
			putInt(number);
		}
		else if (value instanceof Long number) {
			tag(ValueTag.LONG);
			putLong(number);
		}
		else if (value instanceof Double number) {
			tag(ValueTag.DOUBLE);
			putLong(Double.doubleToLongBits(number));
		}
		else if (value instanceof Boolean bool) {
			tag(ValueTag.BOOLEAN);
			this.digest.update((byte) (bool ? 1 : 0));
		}
		else if (value instanceof Float number) {
			tag(ValueTag.FLOAT);
			putInt(Float.floatToIntBits(number));
		}
		else if (value instanceof Short number) {
			tag(ValueTag.SHORT);
			putInt(number);
		}
		else if (value instanceof Byte number) {
			tag(ValueTag.BYTE);
			this.digest.update(number);
		}
		else if (value instanceof Character character) {
			tag(ValueTag.CHAR);
			putInt(character);
		}
		else if (value instanceof Enum<?> constant) {
			tag(ValueTag.ENUM);
			utf8(constant.getDeclaringClass().getName());
			utf8(constant.name());
		}
		else if (value instanceof BigDecimal decimal) {
			// Scale is kept: 1.0 and 1.00 print differently, so a method may return different results.
			tag(ValueTag.BIG_DECIMAL);
			bytes(decimal.unscaledValue().toByteArray());
			putInt(decimal.scale());
		}
		else if (value instanceof BigInteger integer) {
			tag(ValueTag.BIG_INTEGER);
			bytes(integer.toByteArray());
		}
		else if (value instanceof UUID uuid) {
			tag(ValueTag.UUID);
			putLong(uuid.getMostSignificantBits());
			putLong(uuid.getLeastSignificantBits());
		}
		else if (isJavaTime(value)) {
			// java.time values print their full state in ISO form, which parses back to an equal value.
			tag(ValueTag.TIME);
			utf8(value.getClass().getName());
			utf8(value.toString());
		}
		else if (value instanceof Path path) {
			tag(ValueTag.PATH);
			chars(path.normalize().toString());
		}
		else if (value instanceof File file) {
			tag(ValueTag.PATH);
			chars(file.toPath().normalize().toString());
		}
		else if (value.getClass().isArray()) {
			encodeArray(value);
		}
		else if (value instanceof Set<?> set) {
			tag(ValueTag.SET);
			unordered(set.stream().map(this::digestOf).toList());
		}
		else if (value instanceof Collection<?> collection) {
			tag(ValueTag.LIST);
			putInt(collection.size());
			collection.forEach(this::encode);
		}
		else if (value instanceof Map<?, ?> map) {
			tag(ValueTag.MAP);
			unordered(map.entrySet().stream().map((entry) -> digestOfPair(entry.getKey(), entry.getValue())).toList());
		}
		else if (value instanceof Optional<?> optional) {
			tag(ValueTag.OPTIONAL);
			encode(optional.orElse(null));
		}
		else if (value instanceof OptionalInt optional) {
			tag(ValueTag.OPTIONAL);
			encode(optional.isPresent() ? optional.getAsInt() : null);
		}
		else if (value instanceof OptionalLong optional) {
			tag(ValueTag.OPTIONAL);
			encode(optional.isPresent() ? optional.getAsLong() : null);
		}
		else if (value instanceof OptionalDouble optional) {
			tag(ValueTag.OPTIONAL);
			encode(optional.isPresent() ? optional.getAsDouble() : null);
		}
		else if (value instanceof Record record) {
			encodeRecord(record);
		}
		else if (value instanceof java.net.URI || value instanceof Locale || value instanceof Currency
				|| value instanceof Charset) {
			// Immutable platform values whose string form is their whole identity.
			tag(ValueTag.STRING_FORM);
			utf8(value.getClass().getName());
			chars(value.toString());
		}
		else if (value instanceof Class<?> type) {
			tag(ValueTag.CLASS);
			utf8(type.getName());
		}
		else {
			encodeObject(value);
		}
	}

	private static boolean isJavaTime(Object value) {
		return (value instanceof TemporalAccessor || value instanceof TemporalAmount || value instanceof ZoneId)
				&& value.getClass().getName().startsWith("java.time.");
	}

	private void encodeArray(Object array) {
		Class<?> component = array.getClass().getComponentType();
		if (component.isPrimitive()) {
			tag(ValueTag.PRIMITIVE_ARRAY);
			utf8(component.getName());
			putInt(Array.getLength(array));
			PrimitiveArrays.feed(array, this.digest, chunk(Array.getLength(array) * 8L));
			return;
		}
		tag(ValueTag.OBJECT_ARRAY);
		utf8(component.getName());
		Object[] elements = (Object[]) array;
		putInt(elements.length);
		for (Object element : elements) {
			encode(element);
		}
	}

	private void encodeRecord(Record record) {
		tag(ValueTag.RECORD);
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

	/**
	 * A plain object counts by its class and every instance field, private ones and those of its
	 * superclasses included, so two objects with equal getters but different hidden state differ.
	 */
	private void encodeObject(Object object) {
		Class<?> type = object.getClass();
		if (this.functions != null && FunctionValues.isFunction(type)) {
			tag(ValueTag.FUNCTION);
			this.digest.update(this.functions.digest(object, this::digestOf, this::digestOfState));
			return;
		}
		if (this.policy.countsByTypeOnly(type)) {
			tag(ValueTag.TYPE_ONLY);
			utf8(ValuePolicy.userType(type));
			return;
		}
		String reason = BeanEligibility.whyNot(type);
		if (reason != null) {
			throw new UnhashableValueException(type, reason);
		}
		tag(ValueTag.OBJECT);
		utf8(type.getName());
		List<java.lang.reflect.Field> fields = ObjectFields.of(type);
		putInt(fields.size());
		for (java.lang.reflect.Field field : fields) {
			utf8(field.getDeclaringClass().getName());
			utf8(field.getName());
			encode(ObjectFields.read(field, object));
		}
	}

	private byte[] digestOf(@Nullable Object value) {
		MessageDigest own = Digests.sha256();
		new CanonicalEncoder(own, this.policy, this.functions, this.enclosing).encodeNested(value, this.depth);
		return own.digest();
	}

	/** The fields a function's implementation reads on the object it runs on, as the state of a method. */
	private byte[] digestOfState(List<java.lang.reflect.Field> fields, Object target) {
		MessageDigest own = Digests.sha256();
		CanonicalEncoder encoder = new CanonicalEncoder(own, ValuePolicy.STATE, this.functions, this.enclosing);
		for (java.lang.reflect.Field field : fields) {
			boolean isStatic = java.lang.reflect.Modifier.isStatic(field.getModifiers());
			if (isStatic || field.getDeclaringClass().isInstance(target)) {
				field.setAccessible(true);
				encoder.encodeNested(ObjectFields.read(field, isStatic ? null : target), this.depth);
			}
		}
		return own.digest();
	}

	private byte[] digestOfPair(@Nullable Object key, @Nullable Object value) {
		MessageDigest own = Digests.sha256();
		CanonicalEncoder encoder = new CanonicalEncoder(own, this.policy, this.functions, this.enclosing);
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

	private void tag(ValueTag tag) {
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

}
