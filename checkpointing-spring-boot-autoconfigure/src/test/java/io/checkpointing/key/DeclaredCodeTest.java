package io.checkpointing.key;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code of a repository query method, which has no body: its declaration on the interface it
 * is called on. The query's text, the parameters' annotations and the interface count; the order
 * in which the JVM lists annotations does not.
 */
class DeclaredCodeTest {

	interface Owners {

		@Query("select o from Owner o where o.lastName = :name")
		List<Object> find(@Param("name") String name);

		List<Object> findByLastName(String name);

	}

	interface OwnersWithAnotherQuery {

		@Query("select o from Owner o where o.firstName = :name")
		List<Object> find(@Param("name") String name);

	}

	interface OwnersUnderAnotherName {

		@Query("select o from Owner o where o.lastName = :name")
		List<Object> find(@Param("name") String name);

	}

	interface OwnersWithAnotherParameterName {

		@Query("select o from Owner o where o.lastName = :name")
		List<Object> find(@Param("last") String name);

	}

	@Test
	void theSameDeclarationHasTheSameFingerprintEveryTime() throws Exception {
		assertThat(fingerprint(Owners.class, "find")).isEqualTo(fingerprint(Owners.class, "find"));
	}

	@Test
	void anotherQueryTextAnotherParameterAnnotationAnotherInterfaceAndAnotherMethodEachChangeIt() throws Exception {
		byte[] find = fingerprint(Owners.class, "find");
		assertThat(fingerprint(OwnersWithAnotherQuery.class, "find")).isNotEqualTo(find);
		assertThat(fingerprint(OwnersWithAnotherParameterName.class, "find")).isNotEqualTo(find);
		assertThat(fingerprint(OwnersUnderAnotherName.class, "find")).isNotEqualTo(find);
		assertThat(fingerprint(Owners.class, "findByLastName")).isNotEqualTo(find);
	}

	@Test
	void theMethodCountsAsOneCallOfTheInterfaceSoThatItReadsTheInterfacesData() throws Exception {
		MethodCode code = DeclaredCode.of(Owners.class, Owners.class.getMethod("findByLastName", String.class));
		assertThat(code.outsideCalls()).singleElement().satisfies((call) -> {
			assertThat(call.owner()).isEqualTo("io/checkpointing/key/DeclaredCodeTest$Owners");
			assertThat(call.name()).isEqualTo("findByLastName");
		});
		assertThat(code.fieldsRead()).isEmpty();
		assertThat(code.reachedCode()).containsOnlyKeys("Owners#findByLastName");
	}

	private static byte[] fingerprint(Class<?> type, String method) throws NoSuchMethodException {
		return DeclaredCode.of(type, type.getMethod(method, String.class)).fingerprint();
	}

}
