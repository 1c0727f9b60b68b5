package io.checkpointing.engine;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reactor results, kept apart so that Reactor is needed only by applications that return
 * {@code Mono} or {@code Flux}. A {@code Mono} stores its value (an empty one stores empty); a
 * {@code Flux} is collected into a list that is stored and replayed: the elements of a
 * checkpointed {@code Flux} arrive together, after the last one was computed.
 */
final class ReactiveResults {

	static final String MONO = "reactor.core.publisher.Mono";

	static final String FLUX = "reactor.core.publisher.Flux";

	private ReactiveResults() {
	}

	/** @return the {@code Mono} of a stored value: {@code null} is an empty {@code Mono} */
	static Object mono(@Nullable Object stored) {
		return Mono.justOrEmpty(stored);
	}

	/** @return the {@code Flux} of a stored list */
	static Object flux(@Nullable Object stored) {
		return (stored != null) ? Flux.fromIterable((List<?>) stored) : Flux.empty();
	}

	/** @return a {@code Mono} that stores its value when it completes; an error stores nothing */
	static Object storingMono(Object result, Consumer<@Nullable Object> store) {
		return ((Mono<?>) result).doOnSuccess(store::accept);
	}

	/** @return a {@code Flux} that stores its elements as a list when it completes */
	static Object storingFlux(Object result, Consumer<@Nullable Object> store) {
		return ((Flux<?>) result).collectList().doOnSuccess(store::accept).flatMapMany(Flux::fromIterable);
	}

	/** @return {@code List<element>}, the stored type of a {@code Flux<element>} */
	static Type listOf(Type element) {
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

}
