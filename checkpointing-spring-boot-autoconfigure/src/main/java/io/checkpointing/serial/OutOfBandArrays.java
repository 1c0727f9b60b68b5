package io.checkpointing.serial;

import java.io.IOException;
import java.lang.reflect.Array;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.ValueSerializerModifier;
import tools.jackson.databind.type.ArrayType;

/**
 * A Jackson module that writes large primitive arrays, wherever they are in a value, as
 * placeholders whose content goes to {@link OutOfBandBlocks}, and reads them back. Only a
 * mapper call that carries blocks as an attribute does so; any other use of the mapper is
 * unchanged.
 */
final class OutOfBandArrays {

	/** The attribute under which a write collects blocks and a read finds them. */
	static final Object BLOCKS = OutOfBandBlocks.class;

	private OutOfBandArrays() {
	}

	static SimpleModule module() {
		SimpleModule module = new SimpleModule("checkpointing-out-of-band-arrays");
		module.setSerializerModifier(new ValueSerializerModifier() {
			@Override
			public ValueSerializer<?> modifyArraySerializer(SerializationConfig config, ArrayType type,
					BeanDescription.Supplier description, ValueSerializer<?> serializer) {
				ArrayKind kind = ArrayKind.of(type.getRawClass());
				return (kind != null) ? new PlaceholderSerializer(kind, serializer) : serializer;
			}
		});
		module.setDeserializerModifier(new ValueDeserializerModifier() {
			@Override
			public ValueDeserializer<?> modifyArrayDeserializer(DeserializationConfig config, ArrayType type,
					BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
				ArrayKind kind = ArrayKind.of(type.getRawClass());
				return (kind != null) ? new PlaceholderDeserializer(kind, deserializer) : deserializer;
			}
		});
		return module;
	}

	/** Writes a large array as a placeholder and hands its content to the call's blocks. */
	private static final class PlaceholderSerializer extends ValueSerializer<Object> {

		private final ArrayKind kind;

		private final ValueSerializer<Object> inline;

		@SuppressWarnings("unchecked")
		PlaceholderSerializer(ArrayKind kind, ValueSerializer<?> inline) {
			this.kind = kind;
			this.inline = (ValueSerializer<Object>) inline;
		}

		@Override
		public ValueSerializer<?> createContextual(SerializationContext context, BeanProperty property) {
			ValueSerializer<?> contextual = this.inline.createContextual(context, property);
			return (contextual == this.inline) ? this : new PlaceholderSerializer(this.kind, contextual);
		}

		@Override
		public boolean isEmpty(SerializationContext context, Object value) {
			return this.inline.isEmpty(context, value);
		}

		@Override
		public void serialize(Object value, JsonGenerator generator, SerializationContext context) throws JacksonException {
			int length = Array.getLength(value);
			if (!(context.getAttribute(BLOCKS) instanceof OutOfBandBlocks blocks) || !OutOfBandBlocks.isLarge(this.kind, length)) {
				this.inline.serialize(value, generator, context);
				return;
			}
			int block = blocks.add(this.kind, value);
			generator.writeStartObject();
			generator.writeStringProperty(OutOfBandBlocks.ARRAY, this.kind.typeName());
			generator.writeNumberProperty(OutOfBandBlocks.LENGTH, length);
			generator.writeNumberProperty(OutOfBandBlocks.BLOCK, block);
			generator.writeEndObject();
		}

	}

	/** Reads a placeholder back into its array, copied in bulk from its block; anything else as before. */
	private static final class PlaceholderDeserializer extends DelegatingDeserializer {

		private final ArrayKind kind;

		PlaceholderDeserializer(ArrayKind kind, ValueDeserializer<?> inline) {
			super(inline);
			this.kind = kind;
		}

		@Override
		protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> inline) {
			return new PlaceholderDeserializer(this.kind, inline);
		}

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
			if (parser.currentToken() != JsonToken.START_OBJECT
					|| !(context.getAttribute(BLOCKS) instanceof OutOfBandBlocks.ArraySource blocks)) {
				return super.deserialize(parser, context);
			}
			String type = null;
			long length = -1;
			long block = -1;
			for (String name = parser.nextName(); name != null; name = parser.nextName()) {
				JsonToken token = parser.nextToken();
				switch (name) {
					case OutOfBandBlocks.ARRAY -> type = (token == JsonToken.VALUE_STRING) ? parser.getString() : null;
					case OutOfBandBlocks.LENGTH -> length = (token == JsonToken.VALUE_NUMBER_INT) ? parser.getLongValue() : -1;
					case OutOfBandBlocks.BLOCK -> block = (token == JsonToken.VALUE_NUMBER_INT) ? parser.getLongValue() : -1;
					default -> {
						return context.reportInputMismatch(this, "Unexpected property '%s' in an out-of-band array placeholder",
								name);
					}
				}
			}
			if (!this.kind.typeName().equals(type) || length < 0 || block < 0 || block > Integer.MAX_VALUE) {
				return context.reportInputMismatch(this, "Expected a %s[] or its out-of-band placeholder", this.kind.typeName());
			}
			try {
				return blocks.array((int) block, this.kind, length);
			}
			catch (IOException ex) {
				return context.reportInputMismatch(this, "%s", ex.getMessage());
			}
		}

	}

}
