package io.checkpointing.key;

import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The code part of the key of an interface method with no body to read: a Spring Data
 * repository's query method (derived from its name, or from its {@code @Query}) or CRUD method,
 * or a method a JDK proxy answers. What such a method does is its declaration, so that is what
 * counts: the interface it is called on, its name, its generic parameter and return types, and
 * the annotations of the method and of its parameters ({@code @Query} and its text,
 * {@code @EntityGraph}, {@code @Param}...) by their values. What runs behind it (Spring Data's
 * query derivation, a proxy's handler) does not count.
 *
 * <p>The method counts as one call of the interface's method, made outside the application, so
 * that the data types a call on the interface reads ({@link DataReads}) are read by it.
 */
final class DeclaredCode {

	private static final String CHECKPOINT_ANNOTATIONS = "io.checkpointing.";

	private DeclaredCode() {
	}

	/**
	 * @param type the interface the method is called on (a repository interface)
	 * @param method the interface method, as declared there or on an interface it extends
	 * @return its code
	 */
	static MethodCode of(Class<?> type, Method method) {
		StringBuilder declaration = new StringBuilder("declared:").append(type.getName())
			.append('#')
			.append(method.getName())
			.append('(');
		Type[] parameters = method.getGenericParameterTypes();
		for (int i = 0; i < parameters.length; i++) {
			declaration.append((i > 0) ? "," : "").append(parameters[i].getTypeName());
			declaration.append(annotations(method.getParameterAnnotations()[i]));
		}
		declaration.append("):")
			.append(method.getGenericReturnType().getTypeName())
			.append(annotations(method.getAnnotations()));
		MessageDigest digest = Digests.sha256();
		digest.update(declaration.toString().getBytes(StandardCharsets.UTF_8));
		byte[] fingerprint = digest.digest();
		String owner = org.objectweb.asm.Type.getInternalName(type);
		OutsideCall call = new OutsideCall(owner, method.getName(), org.objectweb.asm.Type.getMethodDescriptor(method),
				owner, -1, Collections.nCopies(method.getParameterCount(), null));
		return new MethodCode(fingerprint, List.of(), Map.of(type.getSimpleName() + "#" + method.getName(), fingerprint),
				Map.of(), List.of(call));
	}

	/** The annotations by type name, each with its values: the same on every JVM and JDK. */
	private static String annotations(Annotation[] annotations) {
		List<Annotation> sorted = new ArrayList<>(Arrays.asList(annotations));
		sorted.removeIf((annotation) -> annotation.annotationType().getName().startsWith(CHECKPOINT_ANNOTATIONS));
		sorted.sort(Comparator.comparing((Annotation annotation) -> annotation.annotationType().getName()));
		StringBuilder text = new StringBuilder();
		for (Annotation annotation : sorted) {
			text.append(canonical(annotation));
		}
		return text.toString();
	}

	private static String canonical(@Nullable Object value) {
		if (value instanceof Annotation annotation) {
			Method[] members = annotation.annotationType().getDeclaredMethods();
			Arrays.sort(members, Comparator.comparing(Method::getName));
			StringBuilder text = new StringBuilder("@").append(annotation.annotationType().getName()).append('(');
			for (Method member : members) {
				text.append(member.getName()).append('=').append(canonical(valueOf(member, annotation))).append(';');
			}
			return text.append(')').toString();
		}
		if (value != null && value.getClass().isArray()) {
			StringBuilder text = new StringBuilder("[");
			for (int i = 0; i < Array.getLength(value); i++) {
				text.append(canonical(Array.get(value, i))).append(',');
			}
			return text.append(']').toString();
		}
		if (value instanceof Class<?> type) {
			return type.getName() + ".class";
		}
		if (value instanceof Enum<?> constant) {
			return constant.getDeclaringClass().getName() + "." + constant.name();
		}
		if (value instanceof String string) {
			return '"' + string.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
		}
		return String.valueOf(value);
	}

	private static @Nullable Object valueOf(Method member, Annotation annotation) {
		try {
			member.setAccessible(true);
			return member.invoke(annotation);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new IllegalStateException("Cannot read " + annotation.annotationType().getName() + "#"
					+ member.getName() + " of a checkpointed method's declaration: " + ex, ex);
		}
	}

}
