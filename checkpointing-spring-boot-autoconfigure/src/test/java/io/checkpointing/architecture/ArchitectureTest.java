package io.checkpointing.architecture;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.checkpointing.engine.CheckpointEngine;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package dependency table of {@code docs/architecture.md}, stated exactly: each package of
 * ours depends on the packages of ours its row names, and on no other. The engine is usable from
 * plain Java: only the adapter knows Spring.
 */
class ArchitectureTest {

	private static final String API = "io.checkpointing";

	private static final String KEY = "io.checkpointing.key";

	private static final String STORE = "io.checkpointing.store";

	private static final String S3 = "io.checkpointing.store.s3";

	private static final String SERIAL = "io.checkpointing.serial";

	private static final String ENGINE = "io.checkpointing.engine";

	private static final String SPRING = "io.checkpointing.spring";

	private static final String REDIS = "io.checkpointing.spring.redis";

	private static final String METRICS = "io.checkpointing.spring.metrics";

	private static final String ACTUATE = "io.checkpointing.spring.actuate";

	private static final String CONSOLE = "io.checkpointing.spring.console";

	private static final String AUTOCONFIGURE = "io.checkpointing.spring.autoconfigure";

	private static final String WEAVING = "io.checkpointing.spring.weaving";

	private static final String EXPRESSION = "io.checkpointing.spring.expression";

	private static final String OBSERVATION = "io.checkpointing.spring.observation";

	private static final String DATA = "io.checkpointing.spring.data";

	private static final String JPA = "io.checkpointing.spring.jpa";

	private static final String TEST = "io.checkpointing.spring.test";

	/** Each package, and the packages of ours it may depend on: the table in docs/architecture.md. */
	private static final Map<String, List<String>> MAY_DEPEND_ON = table();

	/**
	 * Imported once for every test: importing is the slow part. Our main classes are read from the
	 * directory (or jar) they were loaded from, the one place on the class path that holds them,
	 * instead of searching every jar of the class path for the package. The classes they depend on
	 * are not read at all ({@code archunit.properties}): the rules look only at the package of a
	 * dependency, which ArchUnit knows from the class's name.
	 */
	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption((location) -> location.contains("/io/checkpointing/"))
		.importUrl(CheckpointEngine.class.getProtectionDomain().getCodeSource().getLocation());

	private static Map<String, List<String>> table() {
		Map<String, List<String>> table = new LinkedHashMap<>();
		table.put(API, List.of());
		table.put(KEY, List.of(API));
		table.put(STORE, List.of(KEY));
		table.put(S3, List.of(KEY, STORE));
		table.put(SERIAL, List.of(STORE));
		table.put(ENGINE, List.of(API, KEY, STORE, SERIAL));
		table.put(SPRING, List.of(API, ENGINE));
		table.put(REDIS, List.of(KEY, STORE));
		table.put(EXPRESSION, List.of(API, ENGINE));
		table.put(METRICS, List.of(STORE, ENGINE));
		table.put(OBSERVATION, List.of(ENGINE));
		table.put(ACTUATE, List.of(API, KEY, STORE, ENGINE));
		table.put(CONSOLE, List.of(API, STORE, ENGINE));
		table.put(DATA, List.of());
		table.put(TEST, List.of(ENGINE));
		table.put(AUTOCONFIGURE, List.of(API, KEY, STORE, S3, SERIAL, ENGINE, SPRING, REDIS, EXPRESSION, METRICS,
				OBSERVATION, ACTUATE, CONSOLE, DATA));
		table.put(WEAVING, List.of(API, STORE, ENGINE, AUTOCONFIGURE, EXPRESSION));
		table.put(JPA, List.of(API, KEY, ENGINE, AUTOCONFIGURE));
		return table;
	}

	@Test
	void everyPackageIsInTheTable() {
		Set<String> packages = classes.stream().map(JavaClass::getPackageName).collect(Collectors.toCollection(TreeSet::new));
		assertThat(MAY_DEPEND_ON.keySet()).containsExactlyInAnyOrderElementsOf(packages);
	}

	@Test
	void eachPackageDependsOnlyOnThePackagesOfItsRow() {
		MAY_DEPEND_ON.forEach((from, allowed) -> {
			String[] forbidden = MAY_DEPEND_ON.keySet()
				.stream()
				.filter((to) -> !to.equals(from) && !allowed.contains(to))
				.toArray(String[]::new);
			noClasses().that()
				.resideInAPackage(from)
				.should()
				.dependOnClassesThat()
				.resideInAnyPackage(forbidden)
				.because("docs/architecture.md lets " + from + " depend on " + allowed + " only")
				.check(classes);
		});
	}

	@Test
	void eachDependencyOfTheTableIsReal() {
		MAY_DEPEND_ON.forEach((from, allowed) -> {
			Set<String> used = classes.stream()
				.filter((type) -> type.getPackageName().equals(from))
				.flatMap((type) -> type.getDirectDependenciesFromSelf().stream())
				.map((dependency) -> dependency.getTargetClass().getPackageName())
				.filter(MAY_DEPEND_ON::containsKey)
				.filter((to) -> !to.equals(from))
				.collect(Collectors.toSet());
			assertThat(used).as("the packages %s depends on", from).containsExactlyInAnyOrderElementsOf(allowed);
		});
	}

	@Test
	void onlyTheSpringAdapterDependsOnSpring() {
		noClasses().that()
			.resideOutsideOfPackage("io.checkpointing.spring..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..")
			.check(classes);
	}

}
