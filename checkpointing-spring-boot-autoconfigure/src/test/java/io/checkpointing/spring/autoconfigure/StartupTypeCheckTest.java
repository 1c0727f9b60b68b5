package io.checkpointing.spring.autoconfigure;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.checkpointing.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At startup, each checkpointed method's declared result type is checked against its serializer:
 * one warning per method whose results certainly cannot be stored, none for those that can or
 * may be.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupTypeCheckTest {

	private static final String CANNOT_STORE = "cannot store its results";

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, CheckpointingAutoConfiguration.class))
			.withPropertyValues("checkpointing.directory=" + this.directory);
	}

	@Test
	void storableTypesAreNotWarnedOf(CapturedOutput output) {
		runner().withBean(Storable.class).run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain(CANNOT_STORE);
	}

	@Test
	void aTypeJacksonCannotCreateIsWarnedOfOnceNamingTheMethodTheTypeAndWhatToDo(CapturedOutput output) {
		runner().withBean(Thermometer.class).run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).containsOnlyOnce("Thermometer#now: the serializer 'json' cannot store its results, of type "
				+ Temperature.class.getName() + ": result is a " + Temperature.class.getName()
				+ ", and Jackson finds no way to create an instance of it from its fields. Give Temperature a constructor without"
				+ " parameters (it may be protected), make it a record");
		assertThat(output).doesNotContain("Thermometer#label:");
	}

	@Test
	void theWarningAgreesWithWhatTheFirstStoreFinds(CapturedOutput output) {
		runner().withBean(Thermometer.class).run((context) -> {
			assertThat(context.getBean(Thermometer.class).now().celsius).isEqualTo(21.5);
			assertThat(output).contains("Cannot store the result of Thermometer#now");
		});
	}

	@Test
	void aTypeDeepInsideAGenericResultIsFoundWithItsPath(CapturedOutput output) {
		runner().withBean(Forecasts.class).run((context) -> assertThat(context).hasNotFailed());
		String forecast = Forecast.class.getName();
		String inReadings = ".readings{}[] is a " + Temperature.class.getName();
		assertThat(output)
			.containsOnlyOnce("Forecasts#week: the serializer 'json' cannot store its results, of type java.util.List<"
					+ forecast + ">: result[]" + inReadings)
			.containsOnlyOnce("Forecasts#paged: the serializer 'json' cannot store its results, of type "
					+ Page.class.getName() + "<" + forecast + ">: result<0>" + inReadings)
			.containsOnlyOnce("Forecasts#later: the serializer 'json' cannot store its results, of type " + forecast
					+ ": result" + inReadings)
			.containsOnlyOnce("Forecasts#maybe: the serializer 'json' cannot store its results, of type " + forecast)
			.containsOnlyOnce("Forecasts#reactive: the serializer 'json' cannot store its results, of type " + forecast);
	}

	@Test
	void anInterfaceCannotBeDecidedBeforeAValueShowsItsClassAndIsNotWarnedOf(CapturedOutput output) {
		runner().withBean(Shapes.class).run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain(CANNOT_STORE);
	}

	@Test
	void theJavaSerializerWarnsOfAFieldThatIsNotSerializable(CapturedOutput output) {
		runner().withBean(Ledgers.class).run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).containsOnlyOnce("Ledgers#ledger: the serializer 'java' cannot store its results, of type "
				+ Ledger.class.getName() + ": result.notes[] is a " + Note.class.getName()
				+ ", and it does not implement java.io.Serializable. Make Note implement java.io.Serializable")
			.doesNotContain("Ledgers#serializable:");
	}

	/** Results Jackson stores: records, plain classes, getter-only and final collections, and their containers. */
	public static class Storable {

		@Checkpoint
		public List<Point> points() {
			return List.of(new Point(1, 2));
		}

		@Checkpoint
		public Optional<Owner> owner() {
			return Optional.of(new Owner());
		}

		@Checkpoint
		public CompletableFuture<Map<String, Point>> future() {
			return CompletableFuture.completedFuture(Map.of("a", new Point(1, 2)));
		}

		@Checkpoint
		public Mono<Owner> reactive() {
			return Mono.just(new Owner());
		}

		@Checkpoint
		public Page<Point> page() {
			return new PageImpl<>(List.of(new Point(1, 2)));
		}

		@Checkpoint
		public int[] numbers() {
			return new int[] { 1 };
		}

	}

	public record Point(int x, int y) {

	}

	/** An entity-like class: a final list behind a getter, a derived getter, a protected constructor. */
	public static class Owner {

		private final List<Point> visits = new ArrayList<>();

		private String name = "Ada";

		protected Owner() {
		}

		public List<Point> getVisits() {
			return Collections.unmodifiableList(this.visits);
		}

		public boolean isNew() {
			return this.name == null;
		}

	}

	/** No constructor Jackson can use: two, neither without parameters nor marked. */
	public static class Temperature {

		final double celsius;

		public Temperature(double celsius, String unit) {
			this.celsius = unit.equals("F") ? (celsius - 32) * 5 / 9 : celsius;
		}

		public Temperature(double kelvin) {
			this.celsius = kelvin - 273.15;
		}

	}

	public static class Thermometer {

		@Checkpoint
		public Temperature now() {
			return new Temperature(21.5, "C");
		}

		@Checkpoint
		public String label() {
			return "lab";
		}

	}

	public record Forecast(String city, Map<String, List<Temperature>> readings) {

	}

	public static class Forecasts {

		@Checkpoint
		public List<Forecast> week() {
			return List.of();
		}

		@Checkpoint
		public Page<Forecast> paged() {
			return Page.empty();
		}

		@Checkpoint
		public CompletableFuture<Forecast> later() {
			return CompletableFuture.completedFuture(null);
		}

		@Checkpoint
		public Optional<Forecast> maybe() {
			return Optional.empty();
		}

		@Checkpoint
		public Mono<Forecast> reactive() {
			return Mono.empty();
		}

	}

	public interface Shape {

		double area();

	}

	public static class Shapes {

		@Checkpoint
		public Shape unit() {
			return () -> 1.0;
		}

		@Checkpoint
		public List<Shape> all() {
			return List.of();
		}

	}

	public static class Note {

		String text = "";

	}

	public static class Ledger implements Serializable {

		private static final long serialVersionUID = 1L;

		List<Note> notes = new ArrayList<>();

	}

	public static class Entry implements Serializable {

		private static final long serialVersionUID = 1L;

		List<String> lines = new ArrayList<>();

		transient Note draft;

	}

	public static class Ledgers {

		@Checkpoint(serializer = "java")
		public Ledger ledger() {
			return new Ledger();
		}

		@Checkpoint(serializer = "java")
		public Entry serializable() {
			return new Entry();
		}

	}

}
