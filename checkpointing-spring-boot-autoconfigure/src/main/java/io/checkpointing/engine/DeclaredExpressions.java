package io.checkpointing.engine;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Map;
import java.util.TreeMap;

import io.checkpointing.Checkpoint;

/**
 * The expressions a {@code @Checkpoint} method declares: its {@code condition}, its
 * {@code unless} and the {@code @Checkpoint.Key} of its parameters, as written.
 * @param condition whether a call uses the store, empty for always
 * @param unless whether a result is not stored, empty for never
 * @param keys the key expression of each parameter that has one, by parameter index
 */
public record DeclaredExpressions(String condition, String unless, Map<Integer, String> keys) {

	/** No expression at all. */
	public static final DeclaredExpressions NONE = new DeclaredExpressions("", "", Map.of());

	/**
	 * @param condition whether a call uses the store, empty for always
	 * @param unless whether a result is not stored, empty for never
	 * @param keys the key expression of each parameter that has one, by parameter index
	 */
	public DeclaredExpressions {
		keys = Map.copyOf(keys);
	}

	/**
	 * @param method a method
	 * @return the expressions its annotations declare
	 */
	public static DeclaredExpressions of(Method method) {
		Checkpoint annotation = method.getAnnotation(Checkpoint.class);
		Map<Integer, String> keys = new TreeMap<>();
		Parameter[] parameters = method.getParameters();
		for (int index = 0; index < parameters.length; index++) {
			Checkpoint.Key key = parameters[index].getAnnotation(Checkpoint.Key.class);
			if (key != null) {
				keys.put(index, key.value());
			}
		}
		return (annotation != null) ? new DeclaredExpressions(annotation.condition(), annotation.unless(), keys)
				: new DeclaredExpressions("", "", keys);
	}

	/** @return whether there is no expression to evaluate */
	public boolean isEmpty() {
		return this.condition.isEmpty() && this.unless.isEmpty() && this.keys.isEmpty();
	}

}
