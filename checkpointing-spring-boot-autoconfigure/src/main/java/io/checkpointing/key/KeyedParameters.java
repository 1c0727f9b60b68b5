package io.checkpointing.key;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;

import io.checkpointing.Checkpoint;

/**
 * The parameters of a checkpointed method that are part of its key: all but those annotated
 * {@link Checkpoint.Ignore @Checkpoint.Ignore}. Worked out once per method.
 * @param methodName the method, as named in error messages
 * @param parameters the keyed parameters, in declaration order
 */
public record KeyedParameters(String methodName, List<KeyedParameter> parameters) {

	private static final String CONTINUATION = "kotlin.coroutines.Continuation";

	/**
	 * @param method a checkpointed method
	 * @return its keyed parameters
	 */
	public static KeyedParameters of(Method method) {
		Parameter[] declared = method.getParameters();
		List<KeyedParameter> keyed = new ArrayList<>(declared.length);
		// A Kotlin suspend function's last parameter is the caller's continuation: never part of the key.
		int arguments = isSuspending(method) ? declared.length - 1 : declared.length;
		for (int index = 0; index < arguments; index++) {
			if (!declared[index].isAnnotationPresent(Checkpoint.Ignore.class)) {
				keyed.add(new KeyedParameter(index, declared[index].getName(),
						declared[index].isAnnotationPresent(Checkpoint.Content.class)));
			}
		}
		return new KeyedParameters(method.getDeclaringClass().getName() + "#" + method.getName(), List.copyOf(keyed));
	}

	/**
	 * @param method a method
	 * @return whether it is a Kotlin {@code suspend} function, compiled with a last parameter of
	 * type {@code kotlin.coroutines.Continuation}
	 */
	public static boolean isSuspending(Method method) {
		Class<?>[] types = method.getParameterTypes();
		return types.length > 0 && types[types.length - 1].getName().equals(CONTINUATION);
	}

	/**
	 * One keyed parameter.
	 * @param index its position among all the method's parameters, from 0
	 * @param name its name as compiled ({@code argN} unless compiled with {@code -parameters})
	 * @param byContent whether it is a file keyed by its content ({@code @Checkpoint.Content})
	 */
	public record KeyedParameter(int index, String name, boolean byContent) {

	}

}
