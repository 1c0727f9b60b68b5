package io.checkpointing.serial;

import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Checks that a value read with JDK serialization fits the declared generic type, element by
 * element. The class filter admits JDK value classes anywhere, because a field typed
 * {@code List} needs some implementation of it; so a stream that is intact but was written for
 * another type (a return type changed while its key did not, or a forged entry) could put a
 * {@code String} into a {@code List<Point>}. Jackson reads into the declared type and needs no
 * such check.
 *
 * <p>Collections, maps and arrays are checked against their type arguments; records by their
 * components, other classes by their fields. Type variables and wildcards are checked against
 * their first bound.
 */
final class DeclaredTypeCheck {

	private final Set<Object> checked = Collections.newSetFromMap(new IdentityHashMap<>());

	private DeclaredTypeCheck() {
	}

	/**
	 * @param declared the declared type
	 * @param value the value read
	 * @throws IOException naming where the value does not fit
	 */
	static void requireFits(Type declared, @Nullable Object value) throws IOException {
		new DeclaredTypeCheck().check(declared, value, "the value");
	}

	private void check(Type type, @Nullable Object value, String path) throws IOException {
		if (value == null) {
			return;
		}
		Class<?> raw = SerializableClosure.rawClass(bound(type));
		Class<?> expected = raw.isPrimitive() ? java.lang.invoke.MethodType.methodType(raw).wrap().returnType() : raw;
		if (!expected.isInstance(value)) {
			throw new IOException(path + " is a " + value.getClass().getName() + ", not a " + type.getTypeName());
		}
		if (raw.isPrimitive() || value instanceof String || value instanceof Number || value instanceof Enum<?>
				|| !this.checked.add(value)) {
			return;
		}
		Type resolved = bound(type);
		if (value instanceof Collection<?> collection) {
			Type element = typeArgument(resolved, 0, 1);
			int index = 0;
			for (Object item : collection) {
				check(element, item, path + "[" + index++ + "]");
			}
		}
		else if (value instanceof Map<?, ?> map) {
			Type keyType = typeArgument(resolved, 0, 2);
			Type valueType = typeArgument(resolved, 1, 2);
			int index = 0;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				// Entries by position: a key's toString could be anything.
				check(keyType, entry.getKey(), path + " key #" + index);
				check(valueType, entry.getValue(), path + " value #" + index++);
			}
		}
		else if (value.getClass().isArray()) {
			checkElements(resolved, value, path);
		}
		else if (value.getClass().isRecord()) {
			checkComponents(value, path);
		}
		else if (value.getClass().getClassLoader() != null) {
			checkFields(value, path);
		}
	}

	private void checkElements(Type arrayType, Object array, String path) throws IOException {
		if (array.getClass().getComponentType().isPrimitive()) {
			return;
		}
		Type component = (arrayType instanceof GenericArrayType generic) ? generic.getGenericComponentType()
				: array.getClass().getComponentType();
		for (int i = 0; i < Array.getLength(array); i++) {
			check(component, Array.get(array, i), path + "[" + i + "]");
		}
	}

	private void checkComponents(Object record, String path) throws IOException {
		for (RecordComponent component : record.getClass().getRecordComponents()) {
			if (component.getType().isPrimitive()) {
				continue;
			}
			Object part;
			try {
				java.lang.reflect.Method accessor = component.getAccessor();
				if (!accessor.trySetAccessible()) {
					continue;
				}
				part = accessor.invoke(record);
			}
			catch (ReflectiveOperationException ex) {
				throw new IOException("cannot read component " + component.getName() + " of " + path + ": " + ex, ex);
			}
			check(component.getGenericType(), part, path + "." + component.getName());
		}
	}

	/** Fields of a module that does not open them are left to the class filter. */
	private void checkFields(Object object, String path) throws IOException {
		for (Class<?> type = object.getClass(); type != null && type.getClassLoader() != null; type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				if (Modifier.isStatic(field.getModifiers()) || Modifier.isTransient(field.getModifiers())
						|| field.getType().isPrimitive() || !field.trySetAccessible()) {
					continue;
				}
				try {
					check(field.getGenericType(), field.get(object), path + "." + field.getName());
				}
				catch (IllegalAccessException ex) {
					throw new IOException("cannot read field " + field.getName() + " of " + path + ": " + ex, ex);
				}
			}
		}
	}

	private static Type typeArgument(Type type, int index, int count) {
		if (type instanceof ParameterizedType parameterized && parameterized.getActualTypeArguments().length == count) {
			return parameterized.getActualTypeArguments()[index];
		}
		return Object.class;
	}

	private static Type bound(Type type) {
		if (type instanceof WildcardType wildcard) {
			return bound(wildcard.getUpperBounds()[0]);
		}
		if (type instanceof TypeVariable<?> variable) {
			return bound(variable.getBounds()[0]);
		}
		return type;
	}

}
