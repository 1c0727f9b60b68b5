package io.checkpointing.key;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The instance state of a plain object: every non-static, non-transient field of its class and of
 * its superclasses, private ones included. Listed once per class; within a class by name, so the
 * order does not depend on what the JVM's reflection happens to return.
 */
final class ObjectFields {

	private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
		@Override
		protected List<Field> computeValue(Class<?> type) {
			return list(type);
		}
	};

	private ObjectFields() {
	}

	/**
	 * @param type a class
	 * @return its instance fields, the class's own first, then its superclass's, each made accessible
	 * @throws UnhashableValueException if one of them cannot be made accessible (a field of a JDK class)
	 */
	static List<Field> of(Class<?> type) {
		return FIELDS.get(type);
	}

	/**
	 * @param field one of {@link #of}
	 * @param object an instance of its class
	 * @return the field's current value
	 */
	static @Nullable Object read(Field field, @Nullable Object object) {
		try {
			return field.get(object);
		}
		catch (IllegalAccessException ex) {
			throw new UnhashableValueException(field.getDeclaringClass(), "its field '" + field.getName() + "' could not be read: " + ex);
		}
	}

	private static List<Field> list(Class<?> type) {
		List<Field> fields = new ArrayList<>();
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			Field[] declared = current.getDeclaredFields();
			Arrays.sort(declared, Comparator.comparing(Field::getName));
			for (Field field : declared) {
				int modifiers = field.getModifiers();
				if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers)) {
					continue;
				}
				try {
					field.setAccessible(true);
				}
				catch (RuntimeException ex) {
					throw new UnhashableValueException(type, "its field '" + field.getName() + "' declared by "
							+ current.getName() + " cannot be read (" + ex.getMessage() + ")");
				}
				fields.add(field);
			}
		}
		return List.copyOf(fields);
	}

}
