package io.checkpointing.serial;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The serializers that come with checkpointing, by id: {@code json}, {@code smile},
 * {@code cbor} and {@code java}. {@code smile} and {@code cbor} need a Jackson data format module
 * on the class path, and are available only when it is there.
 */
public final class BuiltInSerializers {

	private static final List<BuiltIn> BUILT_INS = List.of(new BuiltIn("json", null, null, JacksonSerializer::json),
			new BuiltIn("smile", "tools.jackson.dataformat.smile.SmileMapper",
					"tools.jackson.dataformat:jackson-dataformat-smile", JacksonSerializer::smile),
			new BuiltIn("cbor", "tools.jackson.dataformat.cbor.CBORMapper",
					"tools.jackson.dataformat:jackson-dataformat-cbor", JacksonSerializer::cbor),
			new BuiltIn("java", null, null, JavaSerializer::new));

	private BuiltInSerializers() {
	}

	/**
	 * @return a new instance of each built-in serializer whose library is present, by id, in
	 * the order {@code json}, {@code smile}, {@code cbor}, {@code java}
	 */
	public static Map<String, ResultSerializer> available() {
		Map<String, ResultSerializer> serializers = new LinkedHashMap<>();
		for (BuiltIn builtIn : BUILT_INS) {
			if (builtIn.isAvailable()) {
				serializers.put(builtIn.id(), builtIn.create().get());
			}
		}
		return serializers;
	}

	/**
	 * @param id a serializer id
	 * @return what to add to the application so that the built-in serializer of this id is
	 * available, or empty if it is available or no built-in one has this id
	 */
	public static Optional<String> missingDependency(String id) {
		return BUILT_INS.stream()
			.filter((builtIn) -> builtIn.id().equals(id) && !builtIn.isAvailable())
			.findFirst()
			.map((builtIn) -> "The built-in serializer '" + id + "' needs " + builtIn.dependency()
					+ " on the class path: add it to the application's dependencies.");
	}

	/**
	 * @param id the serializer's id
	 * @param requiredClass a class of the library it needs, {@code null} if it needs none beyond ours
	 * @param dependency the Maven coordinates of that library
	 * @param create makes the serializer; called only when the library is present
	 */
	private record BuiltIn(String id, @Nullable String requiredClass, @Nullable String dependency,
			Supplier<ResultSerializer> create) {

		boolean isAvailable() {
			if (this.requiredClass == null) {
				return true;
			}
			try {
				Class.forName(this.requiredClass, false, BuiltInSerializers.class.getClassLoader());
				return true;
			}
			catch (ClassNotFoundException | LinkageError ex) {
				return false;
			}
		}

	}

}
