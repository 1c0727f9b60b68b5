package io.checkpointing.spring.expression;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.checkpointing.Checkpoint;
import io.checkpointing.CheckpointException;
import io.checkpointing.spring.autoconfigure.CheckpointingAutoConfiguration;
import io.checkpointing.spring.expression.Reports.Customer;
import io.checkpointing.spring.expression.Reports.Page;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.StoredEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code @Checkpoint(condition, unless)} and {@code @Checkpoint.Key} through an application
 * context: SpEL as Spring's cache abstraction evaluates it.
 */
class CheckpointExpressionsTest {

	@TempDir
	Path directory;

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, CheckpointingAutoConfiguration.class))
			.withPropertyValues("checkpointing.directory=" + this.directory)
			.withUserConfiguration(ReportsConfiguration.class);
	}

	@Test
	void aFalseConditionRunsTheMethodWithoutStoringAndATrueOneStores() {
		runner().run((context) -> {
			Reports reports = context.getBean(Reports.class);
			assertThat(reports.build("north", 500)).isEqualTo("north:500");
			assertThat(reports.build("north", 500)).isEqualTo("north:500");
			assertThat(entriesOf(context, "Reports#build")).as("nothing stored when the condition is false").isZero();
			assertThat(reports.build("north", 50)).isEqualTo("north:50");
			assertThat(reports.build("north", 50)).isEqualTo("north:50");
			assertThat(reports.runs()).containsExactly("build north 500", "build north 500", "build north 50");
			assertThat(entriesOf(context, "Reports#build")).isOne();
		});
	}

	@Test
	void aFalseConditionDoesNotReadTheStoreEither() {
		runner().run((context) -> {
			Reports reports = context.getBean(Reports.class);
			Reports.Flags flags = context.getBean(Reports.Flags.class);
			reports.switched(1);
			reports.switched(1);
			flags.setEnabled(false);
			reports.switched(1);
			flags.setEnabled(true);
			reports.switched(1);
			assertThat(reports.runs()).as("a bean reference decides; switched off, the stored result is not read")
				.containsExactly("switched 1", "switched 1");
		});
	}

	@Test
	void theConditionSeesTheRootObjectAndTheArgumentsByIndexAndName() {
		runner().run((context) -> {
			Reports reports = context.getBean(Reports.class);
			reports.rooted(2);
			reports.rooted(2);
			reports.rooted(-2);
			reports.rooted(-2);
			assertThat(reports.runs()).containsExactly("rooted 2", "rooted -2", "rooted -2");
		});
	}

	@Test
	void unlessVetoesStoringTheResultItNamesAndTheNextCallRunsAgain() {
		runner().run((context) -> {
			Reports reports = context.getBean(Reports.class);
			assertThat(reports.page(1, true)).isEqualTo(new Page(1, true));
			assertThat(reports.page(1, true)).isEqualTo(new Page(1, true));
			assertThat(reports.page(-1, false)).isNull();
			assertThat(reports.page(-1, false)).isNull();
			assertThat(reports.page(2, false)).isEqualTo(new Page(2, false));
			assertThat(reports.page(2, false)).isEqualTo(new Page(2, false));
			assertThat(reports.runs()).containsExactly("page 1", "page 1", "page -1", "page -1", "page 2");
			assertThat(entriesOf(context, "Reports#page")).isOne();
		});
	}

	@Test
	void unlessOfAFutureIsEvaluatedOnTheValueItCompletesWith() {
		runner().run((context) -> {
			Reports reports = context.getBean(Reports.class);
			assertThat(reports.later("").join()).isNull();
			assertThat(reports.later("").join()).isNull();
			assertThat(reports.later("a").join()).isEqualTo("found a");
			awaitEntries(context, "Reports#later", 1);
			assertThat(reports.later("a").join()).isEqualTo("found a");
			assertThat(reports.runs()).containsExactly("later ", "later ", "later a");
		});
	}

	@Test
	void unlessSeesTheContentOfAnOptionalAndTheArguments() {
		runner().run((context) -> {
			Reports reports = context.getBean(Reports.class);
			assertThat(reports.lookup("")).isEmpty();
			assertThat(reports.lookup("")).as("empty: #result is null, not stored").isEmpty();
			assertThat(reports.lookup("ab")).contains("ab");
			assertThat(reports.lookup("ab")).as("#result is the String inside, stored").contains("ab");
			assertThat(reports.capped(7, 5)).isEqualTo(7);
			assertThat(reports.capped(7, 5)).as("over the limit the argument names: not stored").isEqualTo(7);
			assertThat(reports.capped(3, 5)).isEqualTo(3);
			assertThat(reports.capped(3, 5)).isEqualTo(3);
			assertThat(reports.runs()).containsExactly("lookup ", "lookup ", "lookup ab", "capped 7", "capped 7",
					"capped 3");
		});
	}

	@Test
	void aParameterNamedResultIsWhatTheConditionReads() {
		runner().run((context) -> {
			Reports reports = context.getBean(Reports.class);
			reports.named(4);
			reports.named(4);
			reports.named(-4);
			reports.named(-4);
			assertThat(reports.runs()).containsExactly("named 4", "named -4", "named -4");
		});
	}

	@Test
	void aKeyExpressionSeesTheOtherArgumentsAndBeans() {
		runner().run((context) -> {
			Reports reports = context.getBean(Reports.class);
			assertThat(reports.bucket(7, 5)).isEqualTo(2);
			assertThat(reports.bucket(12, 5)).as("7 % 5 == 12 % 5: a hit").isEqualTo(2);
			assertThat(reports.bucket(12, 10)).isEqualTo(2);
			assertThat(reports.tagged(" Spring")).isEqualTo("Spring");
			assertThat(reports.tagged("spring ")).as("the bean derives the same value: a hit").isEqualTo("Spring");
			assertThat(reports.sortedTags(List.of("b", "a"))).isEqualTo("a,b");
			assertThat(reports.sortedTags(List.of("a", "b"))).as("the same sorted list: a hit").isEqualTo("a,b");
			assertThat(reports.sortedTags(List.of("a", "c"))).isEqualTo("a,c");
			assertThat(reports.runs()).containsExactly("bucket 7", "bucket 12", "tagged  Spring", "sortedTags [b, a]",
					"sortedTags [a, c]");
		});
	}

	@Test
	void aKeyExpressionThatCannotBeEvaluatedFailsTheCallNamingMethodParameterAndExpression() {
		runner().run((context) -> {
			Reports reports = context.getBean(Reports.class);
			assertThatExceptionOfType(CheckpointException.class)
				.isThrownBy(() -> reports.misnamedKey(new Customer("c1", 1)))
				.withMessageContaining("Reports#misnamedKey")
				.withMessageContaining("parameter 0 'customer' with @Checkpoint.Key(\"nickname\")");
		});
	}

	@Test
	void aConditionOrKeyThatReadsTheResultFailsTheStartup() {
		runner().withUserConfiguration(ResultInConditionConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasMessageContaining("Cannot checkpoint ResultInCondition#build: @Checkpoint(condition ="
						+ " \"#size > 0 and #result != null\") reads #result, which does not exist yet")
				.hasMessageContaining("@Checkpoint(unless = ...)");
		});
		runner().withUserConfiguration(ResultInKeyConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasMessageContaining(
					"Cannot checkpoint ResultInKey#find: parameter 0 'query' with @Checkpoint.Key(\"#result\") reads #result");
		});
	}

	@Test
	void aKeyExpressionKeysTheParameterByTheValueItDerives() {
		runner().run((context) -> {
			Reports reports = context.getBean(Reports.class);
			assertThat(reports.profile(new Customer("c1", 100))).isEqualTo("profile of c1");
			assertThat(reports.profile(new Customer("c1", 200))).as("same id: a hit").isEqualTo("profile of c1");
			assertThat(reports.profile(new Customer("c2", 100))).as("another id: a miss").isEqualTo("profile of c2");
			assertThat(reports.search(" Spring ", 10)).isEqualTo("spring x10");
			assertThat(reports.search("SPRING", 10)).isEqualTo("spring x10");
			assertThat(reports.search("SPRING", 20)).as("other parameters keep their whole value").isEqualTo("spring x20");
			assertThat(reports.runs()).containsExactly("profile Customer[id=c1, lastSeen=100]",
					"profile Customer[id=c2, lastSeen=100]", "search  Spring  10", "search SPRING 20");
		});
	}

	@Test
	void aConditionThatCannotBeEvaluatedRunsTheMethodUnderWarnAndRaisesUnderRaise() {
		runner().run((context) -> {
			Reports reports = context.getBean(Reports.class);
			assertThat(reports.failingCondition(3)).isEqualTo(3);
			assertThat(reports.failingCondition(3)).isEqualTo(3);
			assertThat(reports.runs()).containsExactly("failingCondition 3", "failingCondition 3");
			assertThatExceptionOfType(CheckpointException.class).isThrownBy(() -> reports.failingConditionRaised(3))
				.withMessageContaining("Reports#failingConditionRaised")
				.withMessageContaining("@Checkpoint(condition = \"#missing.length() > 0\")");
		});
	}

	@Test
	void anExpressionThatCannotBeParsedFailsTheStartupNamingMethodParameterAndExpression() {
		runner().withUserConfiguration(BrokenConditionConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasMessageContaining("Cannot checkpoint BrokenCondition#build: @Checkpoint(condition = \"#size >\")"
						+ " is not a valid SpEL expression");
		});
		runner().withUserConfiguration(BrokenKeyConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasMessageContaining("Cannot checkpoint BrokenKey#find: parameter 1 'query' with"
						+ " @Checkpoint.Key(\"trim(\") is not a valid SpEL expression");
		});
	}

	private static long entriesOf(ApplicationContext context, String method) throws Exception {
		try (Stream<StoredEntry> entries = context.getBean(CacheBackend.class).list()) {
			return entries.filter((entry) -> entry.header().methodName().equals(method)).count();
		}
	}

	/** A future's result is stored when it completes, after the call returned. */
	private static void awaitEntries(ApplicationContext context, String method, long count) throws Exception {
		for (int attempt = 0; attempt < 500 && entriesOf(context, method) < count; attempt++) {
			Thread.sleep(10);
		}
		assertThat(entriesOf(context, method)).isEqualTo(count);
	}

	@Configuration(proxyBeanMethods = false)
	static class ReportsConfiguration {

		@Bean
		Reports reports() {
			return new Reports();
		}

		@Bean
		Reports.Flags reportFlags() {
			return new Reports.Flags();
		}

	}

	public static class BrokenCondition {

		@Checkpoint(condition = "#size >")
		public int build(int size) {
			return size;
		}

	}

	public static class BrokenKey {

		@Checkpoint
		public int find(int limit, @Checkpoint.Key("trim(") String query) {
			return limit;
		}

	}

	public static class ResultInCondition {

		@Checkpoint(condition = "#size > 0 and #result != null")
		public int build(int size) {
			return size;
		}

	}

	public static class ResultInKey {

		@Checkpoint
		public String find(@Checkpoint.Key("#result") String query) {
			return query;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ResultInConditionConfiguration {

		@Bean
		ResultInCondition resultInCondition() {
			return new ResultInCondition();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ResultInKeyConfiguration {

		@Bean
		ResultInKey resultInKey() {
			return new ResultInKey();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BrokenConditionConfiguration {

		@Bean
		BrokenCondition brokenCondition() {
			return new BrokenCondition();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BrokenKeyConfiguration {

		@Bean
		BrokenKey brokenKey() {
			return new BrokenKey();
		}

	}

}
