package io.checkpointing.engine;

import io.checkpointing.Checkpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which class methods an annotated interface method stands for. */
class CheckpointDeclarationsTest {

	@Test
	void theMethodThatImplementsAGenericInterfaceMethodCarriesItsAnnotation() throws Exception {
		assertThat(CheckpointDeclarations.declarationOf(MagazinePricing.class.getMethod("price", Magazine.class),
				MagazinePricing.class))
			.isEqualTo(Pricing.class.getMethod("price", Object.class));
	}

	@Test
	void anOverloadWithAnotherParameterIsNotCheckpointedByTheInterfacesAnnotation() throws Exception {
		assertThat(CheckpointDeclarations.declarationOf(MagazinePricing.class.getMethod("price", Book.class),
				MagazinePricing.class))
			.isNull();
	}

	public interface Pricing<T> {

		@Checkpoint
		int price(T item);

	}

	public static class Book {

	}

	public static class Magazine {

	}

	public static class MagazinePricing implements Pricing<Magazine> {

		@Override
		public int price(Magazine item) {
			return 3;
		}

		public int price(Book item) {
			return 20;
		}

	}

}
