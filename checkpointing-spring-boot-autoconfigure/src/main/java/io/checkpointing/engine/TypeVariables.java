package io.checkpointing.engine;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;

/** Whether a declared type still names type variables, which only a class's type arguments resolve. */
final class TypeVariables {

	private TypeVariables() {
	}

	static boolean in(Type type) {
		if (type instanceof TypeVariable<?>) {
			return true;
		}
		if (type instanceof ParameterizedType parameterized) {
			for (Type argument : parameterized.getActualTypeArguments()) {
				if (in(argument)) {
					return true;
				}
			}
			return false;
		}
		if (type instanceof GenericArrayType array) {
			return in(array.getGenericComponentType());
		}
		if (type instanceof WildcardType wildcard) {
			for (Type bound : wildcard.getUpperBounds()) {
				if (in(bound)) {
					return true;
				}
			}
			for (Type bound : wildcard.getLowerBounds()) {
				if (in(bound)) {
					return true;
				}
			}
		}
		return false;
	}

}
