package io.checkpointing.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the engine usable from plain Java: only the adapter may know Spring. */
class ArchitectureTest {

	private final JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.checkpointing");

	@Test
	void onlyTheSpringAdapterDependsOnSpring() {
		noClasses().that()
			.resideOutsideOfPackage("io.checkpointing.spring..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..")
			.check(this.classes);
	}

	@Test
	void theEngineDoesNotDependOnTheAdapter() {
		noClasses().that()
			.resideOutsideOfPackage("io.checkpointing.spring..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.checkpointing.spring..")
			.check(this.classes);
	}

	@Test
	void theApiDependsOnNothingElseOfOurs() {
		noClasses().that()
			.resideInAPackage("io.checkpointing")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.checkpointing.engine..", "io.checkpointing.key..", "io.checkpointing.store..",
					"io.checkpointing.serial..")
			.check(this.classes);
	}

	@Test
	void storesAndSerializersDoNotReachIntoTheEngine() {
		noClasses().that()
			.resideInAnyPackage("io.checkpointing.key..", "io.checkpointing.store..", "io.checkpointing.serial..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.checkpointing.engine..")
			.check(this.classes);
	}

}
