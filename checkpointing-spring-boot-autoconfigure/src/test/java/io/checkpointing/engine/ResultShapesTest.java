package io.checkpointing.engine;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/** Each return type is handled by one shape, picked once per method. */
class ResultShapesTest {

	@Test
	void eachReturnTypeHasItsShape() throws Exception {
		assertThat(ResultShapes.of(method("optional"))).isInstanceOf(OptionalResult.class);
		assertThat(ResultShapes.of(method("future"))).isInstanceOf(FutureResult.class);
		assertThat(ResultShapes.of(method("stage"))).isInstanceOf(FutureResult.class);
		assertThat(ResultShapes.of(method("mono"))).isInstanceOf(MonoResult.class);
		assertThat(ResultShapes.of(method("flux"))).isInstanceOf(FluxResult.class);
		assertThat(ResultShapes.of(method("list"))).isInstanceOf(PlainResult.class);
		assertThat(ResultShapes.of(method("number"))).isInstanceOf(PlainResult.class);
	}

	@Test
	void aShapeStoresTheContentOfWhatTheMethodReturns() throws Exception {
		assertThat(ResultShapes.of(method("optional")).storedType(method("optional")).getTypeName())
			.isEqualTo("java.lang.String");
		assertThat(ResultShapes.of(method("flux")).storedType(method("flux")).getTypeName())
			.isEqualTo("java.util.List<java.lang.String>");
		assertThat(ResultShapes.of(method("list")).storedType(method("list")).getTypeName())
			.isEqualTo("java.util.List<java.lang.String>");
	}

	private static java.lang.reflect.Method method(String name) throws NoSuchMethodException {
		return Returns.class.getDeclaredMethod(name);
	}

	interface Returns {

		Optional<String> optional();

		CompletableFuture<String> future();

		CompletionStage<String> stage();

		Mono<String> mono();

		Flux<String> flux();

		List<String> list();

		int number();

	}

}
