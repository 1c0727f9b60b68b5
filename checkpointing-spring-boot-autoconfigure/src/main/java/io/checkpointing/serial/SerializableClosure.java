package io.checkpointing.serial;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.Set;

/**
 * The classes a value of a declared type may contain when read back with JDK serialization: the
 * type itself, its superclasses, the types of its serialized fields, recursively, and a fixed set
 * of JDK value and collection classes (for fields typed by an interface such as {@code List}).
 * Anything else in a stream is refused before it is instantiated.
 */
final class SerializableClosure {

	private static final String[] JDK_VALUE_PACKAGES = { "java.lang.", "java.util.", "java.time.", "java.math." };

	private static final Set<String> REFUSED_JDK_CLASSES = Set.of("java.lang.Class", "java.lang.reflect.Proxy",
			"java.util.PriorityQueue", "java.util.concurrent.PriorityBlockingQueue", "java.lang.invoke.SerializedLambda");

	private final Set<Class<?>> application;

	private SerializableClosure(Set<Class<?>> application) {
		this.application = application;
	}

	static SerializableClosure of(Type declared) {
		Set<Class<?>> reachable = new HashSet<>();
		collect(rawClass(declared), reachable);
		collectTypeArguments(declared, reachable);
		return new SerializableClosure(Set.copyOf(reachable));
	}

	static Class<?> rawClass(Type type) {
		if (type instanceof Class<?> clazz) {
			return clazz;
		}
		if (type instanceof ParameterizedType parameterized) {
			return rawClass(parameterized.getRawType());
		}
		if (type instanceof GenericArrayType array) {
			return rawClass(array.getGenericComponentType()).arrayType();
		}
		return Object.class;
	}

	boolean admits(Class<?> serialClass) {
		Class<?> element = serialClass;
		while (element.isArray()) {
			element = element.getComponentType();
		}
		if (element.isPrimitive() || this.application.contains(element)) {
			return true;
		}
		return isJdkValueClass(element) && !REFUSED_JDK_CLASSES.contains(element.getName());
	}

	private static boolean isJdkValueClass(Class<?> type) {
		String name = type.getName();
		for (String prefix : JDK_VALUE_PACKAGES) {
			if (name.startsWith(prefix) && type.getClassLoader() == null) {
				return true;
			}
		}
		return false;
	}

	private static void collect(Class<?> type, Set<Class<?>> reachable) {
		Class<?> element = type;
		while (element.isArray()) {
			element = element.getComponentType();
		}
		if (element.isPrimitive() || isJdkValueClass(element) || !reachable.add(element)) {
			return;
		}
		for (Class<?> current = element; current != null && current != Object.class; current = current.getSuperclass()) {
			reachable.add(current);
			for (Field field : current.getDeclaredFields()) {
				if (!Modifier.isStatic(field.getModifiers()) && !Modifier.isTransient(field.getModifiers())) {
					collect(field.getType(), reachable);
					collectTypeArguments(field.getGenericType(), reachable);
				}
			}
		}
	}

	private static void collectTypeArguments(Type type, Set<Class<?>> reachable) {
		if (type instanceof ParameterizedType parameterized) {
			for (Type argument : parameterized.getActualTypeArguments()) {
				collect(rawClass(argument), reachable);
				collectTypeArguments(argument, reachable);
			}
		}
	}

}
