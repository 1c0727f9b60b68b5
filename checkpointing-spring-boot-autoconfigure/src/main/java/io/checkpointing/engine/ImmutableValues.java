package io.checkpointing.engine;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;

/**
 * Tells values that no caller can change: strings, boxed primitives, enums, {@code BigDecimal},
 * {@code BigInteger}, {@code UUID}, {@code java.time} values, and records whose components are
 * all declared as such types. Such a value can be handed to every caller as it is; any other
 * value is decoded anew for each caller. Decided once per class.
 */
final class ImmutableValues {

	private static final Set<Class<?>> SCALARS = Set.of(String.class, Integer.class, Long.class, Double.class,
			Float.class, Short.class, Byte.class, Character.class, Boolean.class, BigDecimal.class, BigInteger.class,
			UUID.class);

	private final ConcurrentMap<Class<?>, Boolean> immutable = new ConcurrentHashMap<>();

	private final ConcurrentMap<Class<?>, Boolean> equalByValue = new ConcurrentHashMap<>();

	/** @return whether nothing reachable from the value can change */
	boolean isImmutable(@Nullable Object value) {
		return value == null || isImmutableType(value.getClass());
	}

	/**
	 * @return whether {@code equals} on the value agrees with its canonical form in the key: an
	 * immutable value whose records keep the generated {@code equals}
	 */
	boolean isKeyValue(@Nullable Object value) {
		if (value == null) {
			return true;
		}
		Class<?> type = value.getClass();
		return isImmutableType(type) && this.equalByValue.computeIfAbsent(type, ImmutableValues::keepsRecordEquals);
	}

	private boolean isImmutableType(Class<?> type) {
		Boolean known = this.immutable.get(type);
		if (known == null) {
			known = decide(type, new java.util.HashSet<>());
			this.immutable.put(type, known);
		}
		return known;
	}

	private static boolean decide(Class<?> type, Set<Class<?>> visiting) {
		if (type.isPrimitive() || SCALARS.contains(type) || type.isEnum()
				|| (type.getSuperclass() != null && type.getSuperclass().isEnum())) {
			return true;
		}
		if (type.getName().startsWith("java.time.") && type.getClassLoader() == null
				&& Modifier.isFinal(type.getModifiers())) {
			return true;
		}
		if (!type.isRecord() || !visiting.add(type)) {
			return false;
		}
		for (RecordComponent component : type.getRecordComponents()) {
			Class<?> declared = component.getType();
			// A component declared as an interface or open class may hold a mutable subclass.
			if (!declared.isPrimitive() && !Modifier.isFinal(declared.getModifiers()) && !declared.isEnum()) {
				return false;
			}
			if (!decide(declared, visiting)) {
				return false;
			}
		}
		return true;
	}

	private static boolean keepsRecordEquals(Class<?> type) {
		if (!type.isRecord()) {
			return true;
		}
		if (declaresEquals(type)) {
			return false;
		}
		for (RecordComponent component : type.getRecordComponents()) {
			if (!keepsRecordEquals(component.getType())) {
				return false;
			}
		}
		return true;
	}

	private static boolean declaresEquals(Class<?> type) {
		for (Method method : type.getDeclaredMethods()) {
			if (method.getName().equals("equals") && method.getParameterCount() == 1
					&& method.getParameterTypes()[0] == Object.class) {
				return true;
			}
		}
		return false;
	}

}
