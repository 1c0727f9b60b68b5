package io.checkpointing.serial;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Jackson serializers store an object by its fields: what is written is what is read, for
 * classes that a getter-based mapping wrote but could not read back.
 */
class ObjectStateTest {

	static Stream<ResultSerializer> jackson() {
		return Stream.of(JacksonSerializer.json(), JacksonSerializer.smile(), JacksonSerializer.cbor());
	}

	@ParameterizedTest
	@MethodSource("jackson")
	void aDerivedGetterIsNeitherWrittenNorExpectedBack(ResultSerializer serializer) throws Exception {
		Account account = new Account(7L, "ada");
		Account read = (Account) roundTrip(serializer, account, Account.class);
		assertThat(read.id).isEqualTo(7L);
		assertThat(read.name).isEqualTo("ada");
		assertThat(read.isNew()).isFalse();
	}

	@ParameterizedTest
	@MethodSource("jackson")
	void aFinalCollectionFieldBehindAGetterOnlyViewReadsBack(ResultSerializer serializer) throws Exception {
		Basket basket = new Basket();
		basket.add("apple");
		basket.add("pear");
		Basket read = (Basket) roundTrip(serializer, basket, Basket.class);
		assertThat(read.getItems()).containsExactly("apple", "pear");
		assertThat(read.getCount()).isEqualTo(2);
	}

	@ParameterizedTest
	@MethodSource("jackson")
	void recordsStillReadBackThroughTheirConstructor(ResultSerializer serializer) throws Exception {
		Line line = new Line(new Point(1, 2), new Point(3, 4));
		assertThat(roundTrip(serializer, line, Line.class)).isEqualTo(line);
	}

	@ParameterizedTest
	@MethodSource("jackson")
	void aGraphWithACycleReadsBackAsTheSameGraph(ResultSerializer serializer) throws Exception {
		Parent parent = new Parent("ada");
		parent.adopt(new Child("byron"));
		parent.adopt(new Child("lovelace"));
		Parent read = (Parent) roundTrip(serializer, parent, Parent.class);
		assertThat(read.children).extracting((child) -> child.name).containsExactly("byron", "lovelace");
		assertThat(read.children).allSatisfy((child) -> assertThat(child.parent).isSameAs(read));
	}

	@ParameterizedTest
	@MethodSource("jackson")
	void anObjectSharedByTwoOthersReadsBackShared(ResultSerializer serializer) throws Exception {
		Child shared = new Child("shared");
		Pair pair = new Pair(shared, shared);
		Pair read = (Pair) roundTrip(serializer, pair, Pair.class);
		assertThat(read.left).isSameAs(read.right);
	}

	@org.junit.jupiter.api.Test
	void theDocumentHoldsTheFieldsAndNoGetter() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		JacksonSerializer.json().write(new Account(7L, "ada"), Account.class, out);
		assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"@id\":1,\"id\":7,\"name\":\"ada\"}");
	}

	private static Object roundTrip(ResultSerializer serializer, Object value, Type type) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		serializer.write(value, type, out);
		return serializer.read(new ByteArrayInputStream(out.toByteArray()), type);
	}

	/** As a JPA entity: a derived {@code isNew()}, no setters, a constructor for the framework. */
	static final class Account {

		private Long id;

		private String name;

		Account() {
			this(null, "");
		}

		Account(Long id, String name) {
			this.id = id;
			this.name = name;
		}

		public boolean isNew() {
			return this.id == null;
		}

		public String getDisplayName() {
			return "Account " + this.name;
		}

	}

	static final class Basket {

		private final List<String> items = new ArrayList<>();

		void add(String item) {
			this.items.add(item);
		}

		public List<String> getItems() {
			return Collections.unmodifiableList(this.items);
		}

		public int getCount() {
			return this.items.size();
		}

	}

	record Point(int x, int y) {
	}

	record Line(Point from, Point to) {
	}

	static final class Parent {

		private String name;

		private final List<Child> children = new ArrayList<>();

		Parent() {
			this("");
		}

		Parent(String name) {
			this.name = name;
		}

		void adopt(Child child) {
			child.parent = this;
			this.children.add(child);
		}

	}

	static final class Child {

		private String name;

		private Parent parent;

		Child() {
			this("");
		}

		Child(String name) {
			this.name = name;
		}

	}

	static final class Pair {

		private Child left;

		private Child right;

		Pair() {
		}

		Pair(Child left, Child right) {
			this.left = left;
			this.right = right;
		}

	}

}
