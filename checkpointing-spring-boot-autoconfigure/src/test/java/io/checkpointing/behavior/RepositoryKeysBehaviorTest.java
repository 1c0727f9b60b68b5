package io.checkpointing.behavior;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behavior cases of a bean that reads through a Spring Data repository or a shared
 * {@code EntityManager}: fields that hold JDK dynamic proxies, whose generated class names
 * ({@code jdk.proxy4.$Proxy163}) change with the order beans are created in. They count by the
 * interfaces the proxy implements, so a second run hits whatever the order, and a field that now
 * holds another repository reruns. {@link CrossJvmBehaviorTest} runs the first case in separate JVMs.
 */
class RepositoryKeysBehaviorTest {

	@TempDir
	Path workspace;

	static final String COUNTS_VETS = """
			private final VetRepository vets;

			private final jakarta.persistence.EntityManager entityManager;

			public Report(VetRepository vets, jakarta.persistence.EntityManager entityManager) {
				this.vets = vets;
				this.entityManager = entityManager;
			}

			@Checkpoint
			public String count(int a) {
				System.out.println("Running");
				return this.vets.count() + a + " " + this.entityManager.getMetamodel().getEntities().size();
			}
			""";

	/**
	 * Created before the report in the second version: it makes proxies of its own first, so the
	 * report's repository and entity manager get other generated class names than in the first run.
	 */
	static final String EARLY = """
			package demo;

			@org.springframework.stereotype.Component
			@org.springframework.core.annotation.Order(-1)
			public class Early {

				public Early(OwnerRepository owners, jakarta.persistence.EntityManager entityManager,
						java.util.List<org.springframework.data.repository.Repository<?, ?>> repositories) {
					java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Runnable.class },
							(proxy, method, arguments) -> null);
				}

			}
			""";

	@Test
	void aRepositoryAndAnEntityManagerCreatedInAnotherOrderHit() throws Exception {
		BehaviorCase.from(RepositoryProgram.of(COUNTS_VETS, "report.count(1)", Map.of()))
			.to(RepositoryProgram.of(COUNTS_VETS, "report.count(1)", Map.of("Early", EARLY)))
			.hits(this.workspace, "result: 1 2");
	}

	/** The field's declared type is the same, the repository it holds another: the code cannot tell them apart. */
	private static final String COUNTS_ANY = """
			private final org.springframework.data.repository.CrudRepository<?, Long> repository;

			public Report(@org.springframework.beans.factory.annotation.Qualifier("vetRepository")
					org.springframework.data.repository.CrudRepository<?, Long> repository) {
				this.repository = repository;
			}

			@Checkpoint
			public long count(int a) {
				System.out.println("Running");
				return this.repository.count() + a;
			}
			""";

	@Test
	void aFieldThatNowHoldsAnotherRepositoryReruns() throws Exception {
		BehaviorCase.from(RepositoryProgram.of(COUNTS_ANY, "report.count(1)", Map.of()))
			.to(RepositoryProgram.of(COUNTS_ANY.replace("vetRepository", "ownerRepository"), "report.count(1)", Map.of()))
			.reruns(this.workspace, "result: 1");
	}

}
