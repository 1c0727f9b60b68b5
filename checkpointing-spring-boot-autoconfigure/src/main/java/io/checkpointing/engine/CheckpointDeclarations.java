package io.checkpointing.engine;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.checkpointing.Checkpoint;
import org.jspecify.annotations.Nullable;

/**
 * Where a method's {@link Checkpoint @Checkpoint} is declared: on the method itself or, as
 * Spring's {@code @Cacheable} and {@code @Transactional} are found, on the method of an interface
 * its class implements (a Spring Data repository's, or one of the application's). An annotation
 * on the class's own method wins over one on an interface: it is the only one read, and the
 * method is advised once.
 */
public final class CheckpointDeclarations {

	/**
	 * The interfaces of each class, and the annotated methods each declares: found once per class,
	 * since the advisor asks of every method of every bean at startup.
	 */
	private static final ClassValue<List<Class<?>>> INTERFACES = new ClassValue<>() {
		@Override
		protected List<Class<?>> computeValue(Class<?> type) {
			return List.copyOf(interfacesOf(type));
		}
	};

	private static final ClassValue<List<Method>> ANNOTATED = new ClassValue<>() {
		@Override
		protected List<Method> computeValue(Class<?> type) {
			return Arrays.stream(type.getDeclaredMethods())
				.filter((method) -> method.isAnnotationPresent(Checkpoint.class))
				.toList();
		}
	};

	private CheckpointDeclarations() {
	}

	/**
	 * @param implementation the method that runs (or, behind a JDK proxy, the proxy's method)
	 * @param type the class of the object it is called on
	 * @return the method that carries {@code @Checkpoint}: {@code implementation}, else the first
	 * method of an interface of {@code type} (breadth first, superclasses' interfaces after the
	 * class's own) that it implements; {@code null} if none
	 */
	public static @Nullable Method declarationOf(Method implementation, Class<?> type) {
		if (implementation.isAnnotationPresent(Checkpoint.class)) {
			return implementation;
		}
		for (Class<?> candidateType : INTERFACES.get(type)) {
			for (Method candidate : ANNOTATED.get(candidateType)) {
				if (implementedBy(candidate, implementation, type)) {
					return candidate;
				}
			}
		}
		return null;
	}

	/**
	 * @param declared an interface method
	 * @param implementation a method of {@code type}
	 * @return whether calls of {@code declared} on a {@code type} run {@code implementation}:
	 * same name and parameters or, for a generic interface implemented with type arguments
	 * ({@code Pricing<Book>}'s {@code price(T)} by {@code price(Book)}), parameters the erased
	 * ones accept and that the compiler bridges the erased signature to
	 */
	private static boolean implementedBy(Method declared, Method implementation, Class<?> type) {
		if (!declared.getName().equals(implementation.getName()) || Modifier.isStatic(declared.getModifiers())
				|| declared.getParameterCount() != implementation.getParameterCount()) {
			return false;
		}
		Class<?>[] erased = declared.getParameterTypes();
		Class<?>[] implemented = implementation.getParameterTypes();
		if (Arrays.equals(erased, implemented)) {
			return true;
		}
		for (int i = 0; i < erased.length; i++) {
			Class<?> argument = typeArgumentFor(declared.getGenericParameterTypes()[i], declared.getDeclaringClass(), type);
			// Where the class names the type argument (implements Pricing<Magazine>), only that exact
			// parameter implements price(T): an overload price(Book) is another method.
			if ((argument != null) ? !argument.equals(implemented[i]) : !erased[i].isAssignableFrom(implemented[i])) {
				return false;
			}
		}
		try {
			return type.getMethod(declared.getName(), erased).isBridge();
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

	/**
	 * @return the class a type variable of {@code declaring} stands for in {@code type}, where
	 * {@code type} or one of its superclasses names it directly as a class
	 * ({@code implements Pricing<Magazine>}); {@code null} if the parameter is not a type variable
	 * or its argument is not named that way
	 */
	private static @Nullable Class<?> typeArgumentFor(Type parameter, Class<?> declaring, Class<?> type) {
		if (!(parameter instanceof TypeVariable<?> variable) || variable.getGenericDeclaration() != declaring) {
			return null;
		}
		int index = Arrays.asList(declaring.getTypeParameters()).indexOf(variable);
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			for (Type implemented : current.getGenericInterfaces()) {
				if (implemented instanceof ParameterizedType parameterized && parameterized.getRawType() == declaring
						&& parameterized.getActualTypeArguments()[index] instanceof Class<?> argument) {
					return argument;
				}
			}
		}
		return null;
	}

	private static Set<Class<?>> interfacesOf(Class<?> type) {
		Set<Class<?>> found = new LinkedHashSet<>();
		Deque<Class<?>> toVisit = new ArrayDeque<>();
		if (type.isInterface()) {
			toVisit.add(type);
		}
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			toVisit.addAll(Arrays.asList(current.getInterfaces()));
		}
		while (!toVisit.isEmpty()) {
			Class<?> next = toVisit.poll();
			if (found.add(next)) {
				toVisit.addAll(Arrays.asList(next.getInterfaces()));
			}
		}
		return found;
	}

}
