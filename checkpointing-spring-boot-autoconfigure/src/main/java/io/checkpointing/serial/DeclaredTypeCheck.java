package io.checkpointing.serial;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
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
 * <p>Collections, maps and arrays are checked against their type arguments, application classes
 * (records too) by their fields. Type variables and wildcards are checked against their first
 * bound. A mismatch is reported with its path, such as {@code the value.members[1]}.
 */
final class DeclaredTypeCheck {

	/**
	 * The fields of a class worth checking, found once per class: those of the class and its
	 * superclasses that serialization writes, leaving out those that cannot hold a misfit, and
	 * fields of a module that does not open them to us (left to the class filter). Fields are
	 * read directly, so no accessor of the application runs. A record's fields are its components.
	 */
	private static final ClassValue<List<Part>> PARTS = new ClassValue<>() {

		@Override
		protected List<Part> computeValue(Class<?> type) {
			List<Part> parts = new ArrayList<>();
			for (Class<?> current = type; current != null && current.getClassLoader() != null; current = current.getSuperclass()) {
				for (Field field : current.getDeclaredFields()) {
					if (!Modifier.isStatic(field.getModifiers()) && !Modifier.isTransient(field.getModifiers())
							&& mayHoldWhatDoesNotFit(field.getGenericType()) && field.trySetAccessible()) {
						parts.add(new Part(field.getName(), field.getGenericType(), getter(field)));
					}
				}
			}
			return List.copyOf(parts);
		}

	};

	/**
	 * Deeper than this, the first pass leaves the value to the second, which walks each object
	 * once: a cycle ends there at once, while the first pass would follow it until the stack runs
	 * out (three frames a level, interpreted frames before the JIT compiles them).
	 */
	private static final int MAX_DEPTH = 256;

	/**
	 * Objects already walked, in the second pass only: remembering every object costs more than
	 * walking a tree, so the first pass walks without it, within a budget.
	 */
	private final @Nullable Set<Object> checked;

	private long budget;

	private int depth;

	private DeclaredTypeCheck(@Nullable Set<Object> checked, long budget) {
		this.checked = checked;
		this.budget = budget;
	}

	/**
	 * @param declared the declared type
	 * @param value the value read
	 * @param objectsRead how many objects were read
	 * @throws IOException naming where the value does not fit
	 */
	static void requireFits(Type declared, @Nullable Object value, long objectsRead) throws IOException {
		try {
			try {
				// A tree is walked in as many steps as it has objects.
				new DeclaredTypeCheck(null, 2 * objectsRead + 1024).check(declared, value);
			}
			catch (WalkTooLong ex) {
				// Shared objects or a cycle: walk again, each object once.
				new DeclaredTypeCheck(Collections.newSetFromMap(new IdentityHashMap<>()), Long.MAX_VALUE).check(declared,
						value);
			}
		}
		catch (Mismatch mismatch) {
			throw new IOException("the value" + mismatch.path + " is a " + mismatch.actual + ", not a " + mismatch.expected);
		}
		catch (StackOverflowError ex) {
			// A value nested too deeply to check is not trusted: a miss, never a value of another type.
			throw new IOException("the value is nested too deeply to check it against " + declared.getTypeName(), ex);
		}
	}

	private void check(Type type, @Nullable Object value) throws Mismatch {
		if (value == null) {
			return;
		}
		Type resolved = bound(type);
		Class<?> raw = SerializableClosure.rawClass(resolved);
		Class<?> expected = raw.isPrimitive() ? MethodType.methodType(raw).wrap().returnType() : raw;
		if (!expected.isInstance(value)) {
			throw new Mismatch(value.getClass().getName(), type.getTypeName());
		}
		if (raw.isPrimitive() || value instanceof String || value instanceof Number || value instanceof Enum<?>) {
			return;
		}
		boolean container = value instanceof Collection<?> || value instanceof Map<?, ?>
				|| (value.getClass().isArray() && !value.getClass().getComponentType().isPrimitive());
		boolean application = !container && value.getClass().getClassLoader() != null;
		// Most objects hold nothing to check (a record of numbers and strings).
		if ((!container && !application) || (application && PARTS.get(value.getClass()).isEmpty())) {
			return;
		}
		if (this.checked != null) {
			if (!this.checked.add(value)) {
				return;
			}
		}
		else if (--this.budget < 0 || this.depth >= MAX_DEPTH) {
			throw WalkTooLong.INSTANCE;
		}
		this.depth++;
		try {
			walk(resolved, value);
		}
		finally {
			this.depth--;
		}
	}

	private void walk(Type resolved, Object value) throws Mismatch {
		if (value instanceof Collection<?> collection) {
			Type element = typeArgument(resolved, 0, 1);
			int index = 0;
			for (Object item : collection) {
				checkPart(element, item, index++, "[", "]");
			}
		}
		else if (value instanceof Map<?, ?> map) {
			Type keyType = typeArgument(resolved, 0, 2);
			Type valueType = typeArgument(resolved, 1, 2);
			int index = 0;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				// Entries by position: a key's toString could be anything.
				checkPart(keyType, entry.getKey(), index, " key #", "");
				checkPart(valueType, entry.getValue(), index++, " value #", "");
			}
		}
		else if (value.getClass().isArray()) {
			checkElements(resolved, value);
		}
		else {
			checkFields(value);
		}
	}

	/** The path to a mismatch is built only when there is one, while the check unwinds. */
	private void checkPart(Type type, @Nullable Object value, Object segment, String before, String after)
			throws Mismatch {
		try {
			check(type, value);
		}
		catch (Mismatch mismatch) {
			mismatch.path = before + segment + after + mismatch.path;
			throw mismatch;
		}
	}

	private void checkElements(Type arrayType, Object array) throws Mismatch {
		Type component = (arrayType instanceof GenericArrayType generic) ? generic.getGenericComponentType()
				: array.getClass().getComponentType();
		Object[] elements = (Object[]) array;
		for (int i = 0; i < elements.length; i++) {
			checkPart(component, elements[i], i, "[", "]");
		}
	}

	private void checkFields(Object object) throws Mismatch {
		for (Part part : PARTS.get(object.getClass())) {
			Object value;
			try {
				value = part.getter().invokeExact(object);
			}
			catch (Throwable ex) {
				// A getter of a field cannot fail; if it did, the value cannot be vouched for.
				throw new Mismatch("field that cannot be read (" + ex + ")", part.type().getTypeName());
			}
			checkPart(part.type(), value, part.name(), ".", "");
		}
	}

	/**
	 * Serialization already refuses to put into a field a value of another class than the
	 * field's; what it cannot see is a type argument, or what an object of an open type holds.
	 * A final JDK class (a {@code String}, a {@code LocalDate}) holds nothing to check.
	 */
	private static boolean mayHoldWhatDoesNotFit(Type type) {
		if (type instanceof Class<?> clazz) {
			Class<?> element = clazz;
			while (element.isArray()) {
				element = element.getComponentType();
			}
			return !element.isPrimitive()
					&& !(element.getClassLoader() == null && Modifier.isFinal(element.getModifiers()));
		}
		return true;
	}

	private static MethodHandle getter(Field field) {
		try {
			return MethodHandles.lookup().unreflectGetter(field).asType(MethodType.methodType(Object.class, Object.class));
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Field " + field + " was made accessible but cannot be read", ex);
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

	/**
	 * A field of a class, and how to read it.
	 * @param name its name, for messages
	 * @param type its declared generic type
	 * @param getter reads it from an instance, as {@code (Object) -> Object}
	 */
	private record Part(String name, Type type, MethodHandle getter) {
	}

	/** A value that does not fit; thrown without a stack trace, as only its path matters. */
	private static final class Mismatch extends Exception {

		private static final long serialVersionUID = 1L;

		private final String actual;

		private final String expected;

		private String path = "";

		Mismatch(String actual, String expected) {
			super(null, null, false, false);
			this.actual = actual;
			this.expected = expected;
		}

	}

	/**
	 * The first pass took more steps than a tree of the objects read could need; unchecked, as
	 * the second pass, which remembers what it walked, never throws it.
	 */
	private static final class WalkTooLong extends RuntimeException {

		private static final long serialVersionUID = 1L;

		// Stackless and caught inside this class: one instance serves every walk.
		@SuppressWarnings("StaticAssignmentOfThrowable")
		static final WalkTooLong INSTANCE = new WalkTooLong();

		private WalkTooLong() {
			super(null, null, false, false);
		}

	}

}
