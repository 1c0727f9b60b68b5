package io.checkpointing.engine;

import java.lang.reflect.Array;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;

import io.checkpointing.key.KeyedParameters;
import org.jspecify.annotations.Nullable;

/**
 * A short rendering of a call's keyed arguments for listings, such as
 * {@code seed=42, samples=double[100000]}. Only small values are printed: a large collection's
 * {@code toString()} could cost more than the call it describes.
 */
final class ArgumentSummary {

	private static final int MAX_VALUE_CHARS = 60;

	private ArgumentSummary() {
	}

	static String of(KeyedParameters parameters, @Nullable Object[] arguments) {
		StringJoiner summary = new StringJoiner(", ");
		for (KeyedParameters.KeyedParameter parameter : parameters.parameters()) {
			summary.add(parameter.name() + "=" + render(arguments[parameter.index()]));
		}
		return summary.toString();
	}

	private static String render(@Nullable Object value) {
		if (value == null) {
			return "null";
		}
		if (value.getClass().isArray()) {
			return value.getClass().getComponentType().getSimpleName() + "[" + Array.getLength(value) + "]";
		}
		if (value instanceof Collection<?> collection) {
			return value.getClass().getSimpleName() + "(" + collection.size() + ")";
		}
		if (value instanceof Map<?, ?> map) {
			return value.getClass().getSimpleName() + "(" + map.size() + ")";
		}
		if (value instanceof CharSequence text) {
			return "\"" + shorten(text.toString()) + "\"";
		}
		if (value instanceof Number || value instanceof Boolean || value instanceof Character || value instanceof Enum<?>
				|| value instanceof TemporalAccessor || value instanceof java.util.UUID) {
			return shorten(value.toString());
		}
		return value.getClass().getSimpleName();
	}

	private static String shorten(String text) {
		return (text.length() <= MAX_VALUE_CHARS) ? text : text.substring(0, MAX_VALUE_CHARS - 1) + "…";
	}

}
