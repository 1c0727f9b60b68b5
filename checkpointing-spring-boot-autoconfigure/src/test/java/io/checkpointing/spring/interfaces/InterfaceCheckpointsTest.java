package io.checkpointing.spring.interfaces;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import io.checkpointing.engine.CallStatistics;
import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.spring.CheckpointAspect;
import io.checkpointing.spring.CheckpointEvictAdvisor;
import io.checkpointing.spring.actuate.CheckpointsEndpoint;
import io.checkpointing.spring.autoconfigure.CheckpointingAutoConfiguration;
import io.checkpointing.spring.weaving.CheckpointingWeavingAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aop.framework.Advised;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @Checkpoint} on the methods of application interfaces, honoured as Spring honours
 * {@code @Cacheable} there: for each class that implements them, under the class's name and with
 * keys of its own; the class's own annotation wins; a default method is checkpointed per class that
 * inherits it; a method a JDK proxy answers is keyed by its declaration, and warned of.
 */
@ExtendWith(OutputCaptureExtension.class)
class InterfaceCheckpointsTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, CheckpointingAutoConfiguration.class))
		.withPropertyValues("checkpointing.backend=memory")
		.withUserConfiguration(InterfacesConfiguration.class);

	@Test
	void anAnnotationOnAnInterfaceMethodCheckpointsTheClassThatImplementsIt() {
		this.runner.run((context) -> {
			BookPricing books = context.getBean(BookPricing.class);
			assertThat(books.price(3)).isEqualTo(6);
			assertThat(books.price(3)).isEqualTo(6);
			assertThat(books.runs()).isEqualTo(1);
			assertThat(statistics(context).of("BookPricing#price").hits()).isEqualTo(1);
		});
	}

	@Test
	void twoClassesOfOneInterfaceAreCheckpointedUnderTheirOwnNamesWithKeysOfTheirOwnAndListedByTheEndpoint() {
		this.runner.run((context) -> {
			BookPricing books = context.getBean(BookPricing.class);
			ToyPricing toys = context.getBean(ToyPricing.class);
			books.price(3);
			assertThat(toys.price(3)).as("the same code and argument, another class").isEqualTo(6);
			assertThat(toys.runs()).isEqualTo(1);
			toys.price(3);
			assertThat(toys.runs()).isEqualTo(1);
			assertThat(books.runs()).isEqualTo(1);
			assertThat(new CheckpointsEndpoint(context.getBean(CheckpointEngine.class).administration()).checkpoints()
				.methods()).containsKeys("BookPricing#price", "ToyPricing#price")
				.hasEntrySatisfying("ToyPricing#price", (method) -> {
					assertThat(method.entries()).isEqualTo(1);
					assertThat(method.hits()).isEqualTo(1);
				});
		});
	}

	@Test
	void theClassesOwnAnnotationWinsOverTheInterfacesAndTheMethodIsAdvisedOnce() {
		this.runner.run((context) -> {
			Labels labels = context.getBean(Labels.class);
			assertThat(labels.label(1)).isEqualTo("#1");
			assertThat(labels.label(1)).isEqualTo("#1");
			assertThat(context.getBean(ClassLabels.class).runs()).isEqualTo(1);
			CallStatistics statistics = statistics(context);
			assertThat(statistics.of("class label").misses()).isEqualTo(1);
			assertThat(statistics.of("class label").hits()).isEqualTo(1);
			assertThat(statistics.snapshot()).doesNotContainKey("interface label");
			assertThat(Arrays.stream(((Advised) labels).getAdvisors()).filter(CheckpointAspect.class::isInstance))
				.hasSize(1);
		});
	}

	@Test
	void aGenericInterfaceMethodIsFoundOnTheClassThatImplementsItWithItsTypeArgument() {
		this.runner.run((context) -> {
			UpperCase upper = context.getBean(UpperCase.class);
			assertThat(upper.convert("ada")).isEqualTo("ADA");
			assertThat(upper.convert("ada")).isEqualTo("ADA");
			assertThat(upper.runs()).isEqualTo(1);
		});
	}

	@Test
	void aDefaultMethodIsCheckpointedForEachClassThatInheritsIt() {
		this.runner.run((context) -> {
			Greeter english = context.getBean(EnglishGreeter.class);
			Greeter french = context.getBean(FrenchGreeter.class);
			assertThat(english.greet("Ada")).isEqualTo("en: Ada");
			assertThat(french.greet("Ada")).as("not the English result").isEqualTo("fr: Ada");
			assertThat(english.greet("Ada")).isEqualTo("en: Ada");
			assertThat(statistics(context).of("EnglishGreeter#greet").hits()).isEqualTo(1);
			assertThat(statistics(context).of("FrenchGreeter#greet").misses()).isEqualTo(1);
		});
	}

	@Test
	void behindJdkProxiesOfTheBeansTheInterfaceAnnotationIsHonouredToo() {
		this.runner.withPropertyValues("spring.aop.proxy-target-class=false").run((context) -> {
			Pricing books = context.getBean("bookPricing", Pricing.class);
			assertThat(Proxy.isProxyClass(books.getClass())).isTrue();
			books.price(5);
			books.price(5);
			assertThat(statistics(context).of("BookPricing#price").hits()).isEqualTo(1);
		});
	}

	@Test
	void aMethodAJdkProxyAnswersIsCheckpointedByItsDeclarationAndWarnedOfAtStartup(CapturedOutput output) {
		this.runner.withUserConfiguration(QuotesConfiguration.class).run((context) -> {
			assertThat(output).contains("Quotes#quote (bean 'quotes') is @Checkpoint and answered by a JDK proxy with"
					+ " no class behind it");
			Quotes quotes = context.getBean(Quotes.class);
			assertThat(quotes.quote("ACME")).isEqualTo("ACME: 1");
			assertThat(quotes.quote("ACME")).isEqualTo("ACME: 1");
			assertThat(context.getBean(QuotesConfiguration.class).answers).hasValue(1);
			assertThat(statistics(context).of("Quotes#quote").hits()).isEqualTo(1);
		});
	}

	@Test
	void theAdvisorsAreOrderedOutsideTransactionsAndCachesUnlessCheckpointingOrderSaysOtherwise() {
		this.runner.run((context) -> {
			assertThat(context.getBean(CheckpointAspect.class).getOrder()).isEqualTo(CheckpointAspect.DEFAULT_ORDER)
				.isLessThan(org.springframework.core.Ordered.LOWEST_PRECEDENCE);
			assertThat(context.getBean(CheckpointEvictAdvisor.class).getOrder()).isEqualTo(CheckpointAspect.DEFAULT_ORDER);
		});
		this.runner.withPropertyValues("checkpointing.order=42").run((context) -> {
			assertThat(context.getBean(CheckpointAspect.class).getOrder()).isEqualTo(42);
			assertThat(context.getBean(CheckpointEvictAdvisor.class).getOrder()).isEqualTo(42);
		});
	}

	@Test
	void aspectjModeWarnsOfTheInterfaceAnnotationsItDoesNotHonour(CapturedOutput output) {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, CheckpointingAutoConfiguration.class,
					CheckpointingWeavingAutoConfiguration.class))
			.withPropertyValues("checkpointing.backend=memory", "checkpointing.mode=aspectj")
			.withBean("bookPricing", BookPricing.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("BookPricing#price (bean 'bookPricing') is @Checkpoint on the interface "
						+ Pricing.class.getName() + " only, which checkpointing.mode=aspectj does not honour")
					.contains("checkpointing.mode=proxy");
			});
	}

	private static CallStatistics statistics(org.springframework.context.ApplicationContext context) {
		return context.getBean(CheckpointEngine.class).statistics();
	}

	@Configuration(proxyBeanMethods = false)
	static class InterfacesConfiguration {

		@Bean
		BookPricing bookPricing() {
			return new BookPricing();
		}

		@Bean
		ToyPricing toyPricing() {
			return new ToyPricing();
		}

		@Bean
		ClassLabels labels() {
			return new ClassLabels();
		}

		@Bean
		UpperCase upperCase() {
			return new UpperCase();
		}

		@Bean
		EnglishGreeter englishGreeter() {
			return new EnglishGreeter();
		}

		@Bean
		FrenchGreeter frenchGreeter() {
			return new FrenchGreeter();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class QuotesConfiguration {

		final AtomicInteger answers = new AtomicInteger();

		@Bean
		Quotes quotes() {
			return (Quotes) Proxy.newProxyInstance(Quotes.class.getClassLoader(), new Class<?>[] { Quotes.class },
					(proxy, method, arguments) -> switch (method.getName()) {
						case "quote" -> arguments[0] + ": " + this.answers.incrementAndGet();
						case "hashCode" -> System.identityHashCode(proxy);
						case "equals" -> proxy == arguments[0];
						default -> "Quotes proxy";
					});
		}

	}

}
