package io.checkpointing.spring.data;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.deser.Deserializers;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.Serializers;

import com.fasterxml.jackson.annotation.JsonFormat;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.domain.Sort;

/**
 * Stores Spring Data's {@link Page} and {@link Slice}, which have no state a serializer can read
 * back ({@code PageImpl} has no constructor for it), as what they are made of: the content, the
 * request (page number, size and sort, or unpaged with its sort) and the total number of elements
 * (a {@code Page}) or whether a next slice exists (a {@code Slice}). They read back as a
 * {@link PageImpl} or a {@link SliceImpl} equal to the one stored. The content is read into the
 * type argument of the declared type: {@code Page<Owner>} reads {@code Owner}s.
 */
public final class SpringDataResults {

	private SpringDataResults() {
	}

	/** @return whether Spring Data Commons is on the class path */
	public static boolean isPresent() {
		try {
			Class.forName("org.springframework.data.domain.Page", false, SpringDataResults.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/** @return the Jackson module that stores {@code Page} and {@code Slice}; needs Spring Data Commons */
	public static JacksonModule jacksonModule() {
		return new SimpleModule("checkpointing-spring-data") {

			private static final long serialVersionUID = 1L;

			@Override
			public void setupModule(SetupContext context) {
				super.setupModule(context);
				context.addSerializers(new PageSerializers());
				context.addDeserializers(new PageDeserializers());
			}

		};
	}

	/** A page or slice as stored; {@code total} is {@code -1} for a slice, which does not know it. */
	record StoredPage<T>(List<T> content, boolean paged, int page, int size, List<StoredOrder> sort, long total,
			boolean hasNext) {

		static StoredPage<?> of(Slice<?> slice) {
			Pageable pageable = slice.getPageable();
			List<StoredOrder> sort = slice.getSort().stream().map(StoredOrder::of).toList();
			long total = (slice instanceof Page<?> page) ? page.getTotalElements() : -1;
			return new StoredPage<>(List.copyOf(slice.getContent()), pageable.isPaged(),
					pageable.isPaged() ? pageable.getPageNumber() : 0, pageable.isPaged() ? pageable.getPageSize() : 0,
					sort, total, slice.hasNext());
		}

		Pageable pageable() {
			Sort sorted = Sort.by(this.sort.stream().map(StoredOrder::order).toList());
			return this.paged ? org.springframework.data.domain.PageRequest.of(this.page, this.size, sorted)
					: Pageable.unpaged(sorted);
		}

	}

	record StoredOrder(String property, Sort.Direction direction, boolean ignoreCase, Sort.NullHandling nullHandling) {

		static StoredOrder of(Sort.Order order) {
			return new StoredOrder(order.getProperty(), order.getDirection(), order.isIgnoreCase(),
					order.getNullHandling());
		}

		Sort.Order order() {
			Sort.Order order = new Sort.Order(this.direction, this.property, this.nullHandling);
			return this.ignoreCase ? order.ignoreCase() : order;
		}

	}

	private static final class PageSerializers extends Serializers.Base {

		@Override
		public @Nullable ValueSerializer<?> findSerializer(SerializationConfig config, JavaType type,
				BeanDescription.Supplier description, JsonFormat.@Nullable Value format) {
			return Slice.class.isAssignableFrom(type.getRawClass()) ? new SliceSerializer() : null;
		}

	}

	private static final class SliceSerializer extends ValueSerializer<Slice<?>> {

		@Override
		public void serialize(Slice<?> slice, JsonGenerator generator, SerializationContext context) {
			context.writeValue(generator, StoredPage.of(slice));
		}

	}

	private static final class PageDeserializers extends Deserializers.Base {

		@Override
		public @Nullable ValueDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
				BeanDescription.Supplier description) {
			Class<?> raw = type.getRawClass();
			boolean page = raw == Page.class || raw == PageImpl.class;
			if (!page && raw != Slice.class && raw != SliceImpl.class) {
				return null;
			}
			JavaType stored = config.getTypeFactory().constructParametricType(StoredPage.class,
					type.containedTypeOrUnknown(0));
			return new SliceDeserializer(stored, page);
		}

		@Override
		public boolean hasDeserializerFor(DeserializationConfig config, Class<?> valueType) {
			return valueType == Page.class || valueType == PageImpl.class || valueType == Slice.class
					|| valueType == SliceImpl.class;
		}

	}

	private static final class SliceDeserializer extends ValueDeserializer<Slice<?>> {

		private final JavaType stored;

		private final boolean page;

		SliceDeserializer(JavaType stored, boolean page) {
			this.stored = stored;
			this.page = page;
		}

		@Override
		public Slice<?> deserialize(JsonParser parser, DeserializationContext context) {
			StoredPage<?> read = context.readValue(parser, this.stored);
			if (this.page) {
				return new PageImpl<>(read.content(), read.pageable(), read.total());
			}
			return new SliceImpl<>(read.content(), read.pageable(), read.hasNext());
		}

	}

}
