package io.checkpointing.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.checkpointing.serial.JacksonSerializer;
import io.checkpointing.serial.ResultSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Classes that do harm when a deserializer creates them, and payloads that ask for them. Each
 * gadget writes the marker file whose path it carries, as a real gadget would run a command,
 * and counts every instance that comes into being, however it was created.
 */
final class Gadgets {

	/** Every gadget instance ever created in this JVM, by a constructor or by a deserializer. */
	static final AtomicInteger created = new AtomicInteger();

	private Gadgets() {
	}

	/**
	 * @return JDK serialization streams that hold a {@link SerialGadget} that writes
	 * {@code marker}: alone, in a list, as a map value, in an array
	 */
	static List<byte[]> javaPayloads(Path marker) {
		SerialGadget gadget = new SerialGadget(marker.toString());
		Map<String, Object> map = new HashMap<>();
		map.put("p0", gadget);
		return List.of(serialized(gadget), serialized(new ArrayList<>(List.of(gadget))), serialized(map),
				serialized(new Object[] { gadget }));
	}

	/**
	 * @return documents that name {@link JacksonGadget} the ways Jackson's polymorphic typing
	 * would read them (class property, wrapper array, nested in lists and maps), encoded by the
	 * given Jackson serializer
	 */
	static List<byte[]> jacksonPayloads(Path marker, ResultSerializer serializer) {
		JsonMapper json = JsonMapper.builder().build();
		String className = JacksonGadget.class.getName();
		ObjectNode gadget = json.createObjectNode().put("@class", className).put("marker", marker.toString());
		JsonNode wrapperArray = json.createArrayNode().add(className).add(json.createObjectNode().put("marker", marker.toString()));
		ObjectNode minimalClass = json.createObjectNode().put("@c", ".Gadgets$JacksonGadget").put("marker", marker.toString());
		List<JsonNode> documents = List.of(gadget, wrapperArray, minimalClass, json.createArrayNode().add(gadget),
				json.createArrayNode().add(wrapperArray), json.createObjectNode().set("p0", gadget),
				json.createObjectNode().set("p0", wrapperArray), json.createObjectNode().put("x", 1).set("y", wrapperArray));
		List<byte[]> payloads = new ArrayList<>();
		for (JsonNode document : documents) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			try {
				serializer.write(document, JsonNode.class, out);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			payloads.add(out.toByteArray());
		}
		return payloads;
	}

	/** @return the payloads of every kind that {@code serializerId}'s reader would be handed */
	static List<byte[]> payloadsFor(String serializerId, Path marker) {
		return switch (serializerId) {
			case "java" -> javaPayloads(marker);
			case "json" -> jacksonPayloads(marker, JacksonSerializer.json());
			case "smile" -> jacksonPayloads(marker, JacksonSerializer.smile());
			case "cbor" -> jacksonPayloads(marker, JacksonSerializer.cbor());
			default -> throw new IllegalArgumentException(serializerId);
		};
	}

	static byte[] serialized(Object value) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(value);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	static void touch(String marker) {
		try {
			Files.writeString(Path.of(marker), "a gadget ran");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Not serializable, so JDK deserialization runs this constructor for every {@link SerialGadget}
	 * it creates, before any field is read.
	 */
	static class NotSerializableBase {

		NotSerializableBase() {
			created.incrementAndGet();
		}

	}

	/** Writes its marker file when JDK serialization reads it. */
	static final class SerialGadget extends NotSerializableBase implements Serializable {

		@Serial
		private static final long serialVersionUID = 1L;

		private final String marker;

		SerialGadget(String marker) {
			this.marker = marker;
		}

		@Serial
		private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
			in.defaultReadObject();
			touch(this.marker);
		}

	}

	/** Writes its marker file when Jackson sets its property. */
	public static final class JacksonGadget {

		private String marker = "";

		public JacksonGadget() {
			created.incrementAndGet();
		}

		public String getMarker() {
			return this.marker;
		}

		public void setMarker(String marker) {
			this.marker = marker;
			touch(marker);
		}

	}

}
