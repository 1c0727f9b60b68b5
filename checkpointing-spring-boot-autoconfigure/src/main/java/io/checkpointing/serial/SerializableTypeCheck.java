package io.checkpointing.serial;

import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds, before any result is stored, a class that JDK serialization certainly cannot write: a
 * concrete class, anywhere in the declared type, that does not implement {@link Serializable}.
 * The declared type is walked as {@link SerializableClosure} admits classes: the elements of
 * collections, arrays and maps, and the serialized fields (neither {@code static} nor
 * {@code transient}) of each class, recursively. Such a class cannot be stored under another
 * class either, since a value is read back only as the classes its declared type reaches. An
 * interface or abstract class is not reported: the value's class decides.
 */
final class SerializableTypeCheck {

	private final Set<Class<?>> seen = new HashSet<>();

	private SerializableTypeCheck() {
	}

	static Optional<TypeProblem> check(Type declared) {
		return new SerializableTypeCheck().walk(declared, "result");
	}

	private Optional<TypeProblem> walk(Type type, String path) {
		if (type instanceof WildcardType wildcard) {
			return walk(wildcard.getUpperBounds()[0], path);
		}
		if (type instanceof TypeVariable<?> variable) {
			return walk(variable.getBounds()[0], path);
		}
		if (type instanceof GenericArrayType array) {
			return walk(array.getGenericComponentType(), path + "[]");
		}
		Class<?> raw = SerializableClosure.rawClass(type);
		if (raw.isArray()) {
			return walk(raw.getComponentType(), path + "[]");
		}
		if (Collection.class.isAssignableFrom(raw)) {
			return walk(typeArgument(type, 0), path + "[]");
		}
		if (Map.class.isAssignableFrom(raw)) {
			Optional<TypeProblem> key = walk(typeArgument(type, 0), path + "{key}");
			return key.isPresent() ? key : walk(typeArgument(type, 1), path + "{}");
		}
		if (raw.isPrimitive() || raw == Object.class || raw.isInterface() || Modifier.isAbstract(raw.getModifiers())
				|| !this.seen.add(raw)) {
			return Optional.empty();
		}
		if (!Serializable.class.isAssignableFrom(raw)) {
			return Optional.of(new TypeProblem(path, type.getTypeName(), "it does not implement java.io.Serializable",
					"Make " + raw.getSimpleName() + " implement java.io.Serializable, mark the field that holds it"
							+ " transient, or choose the json serializer (the default)"));
		}
		for (Class<?> current = raw; current != null && current.getClassLoader() != null; current = current.getSuperclass()) {
			for (Field field : current.getDeclaredFields()) {
				if (!Modifier.isStatic(field.getModifiers()) && !Modifier.isTransient(field.getModifiers())) {
					Optional<TypeProblem> problem = walk(field.getGenericType(), path + "." + field.getName());
					if (problem.isPresent()) {
						return problem;
					}
				}
			}
		}
		return Optional.empty();
	}

	private static Type typeArgument(Type type, int index) {
		if (type instanceof ParameterizedType parameterized && parameterized.getActualTypeArguments().length > index) {
			return parameterized.getActualTypeArguments()[index];
		}
		return Object.class;
	}

}
