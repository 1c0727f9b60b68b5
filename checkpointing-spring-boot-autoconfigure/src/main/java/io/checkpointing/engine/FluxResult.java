package io.checkpointing.engine;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

/**
 * The elements of a Reactor {@code Flux} are collected into a list that is stored when the
 * {@code Flux} completes, and replayed on a hit: the elements of a checkpointed {@code Flux}
 * arrive together, after the last one was computed. An error stores nothing. Registered by
 * {@link ResultShapes} only when Reactor is present.
 */
final class FluxResult implements ResultShape {

	static final String FLUX = "reactor.core.publisher.Flux";

	@Override
	public boolean canHandle(Method method) {
		return method.getReturnType().getName().equals(FLUX);
	}

	/** @return {@code List<element>}, the stored type of a {@code Flux<element>} */
	@Override
	public Type storedType(Method method) {
		return listOf(ResultShape.contentType(method));
	}

	/** @return the {@code Flux} of a stored list */
	@Override
	public Object fromStored(@Nullable Object stored) {
		return (stored != null) ? Flux.fromIterable((List<?>) stored) : Flux.empty();
	}

	@Override
	public @Nullable Object storing(@Nullable Object result, Storing store) {
		if (result == null) {
			store.now(null);
			return null;
		}
		return ((Flux<?>) result).collectList().doOnSuccess(store::whenCompleted).flatMapMany(Flux::fromIterable);
	}

	private static Type listOf(Type element) {
		return new ParameterizedType() {

			@Override
			public Type[] getActualTypeArguments() {
				return new Type[] { element };
			}

			@Override
			public Type getRawType() {
				return List.class;
			}

			@Override
			public @Nullable Type getOwnerType() {
				return null;
			}

			@Override
			public String getTypeName() {
				return "java.util.List<" + element.getTypeName() + ">";
			}

		};
	}

	@Override
	public boolean runsWhenSubscribed() {
		return true;
	}

}
