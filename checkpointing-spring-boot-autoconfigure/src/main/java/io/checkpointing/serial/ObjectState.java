package io.checkpointing.serial;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.ObjectIdGenerators;
import com.fasterxml.jackson.annotation.SimpleObjectIdResolver;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.Version;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyName;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.NopAnnotationIntrospector;
import tools.jackson.databind.introspect.ObjectIdInfo;

/**
 * How the Jackson serializers map an object: by its state, the fields, never by its getters and
 * setters. A getter computes something ({@code isNew()}, a total) that no field can take back, and
 * a getter-only list has no setter: written by getters, such an object was refused on read. By
 * fields, what is written is exactly what is read, and no application code runs either way.
 *
 * <p>Objects of application classes carry an identity ({@code "@id"}, then a reference to it for
 * each later occurrence), so a graph with cycles, such as JPA entities with bidirectional
 * associations, and objects shared by several others, read back as the same graph. Records do
 * not: they cannot form a cycle, and they are read through their canonical constructor.
 *
 * <p>Decoding is strict (unknown properties and {@code null} for primitives fail): a payload
 * that no longer fits the type is a miss that recomputes, not a half-filled object.
 */
final class ObjectState {

	/** The property that holds an object's identity in the payload; no Java field can have this name. */
	static final String IDENTITY = "@id";

	private ObjectState() {
	}

	static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
		// A final field (a collection initialized where it is declared) is state too, set as any other.
		return builder.enable(MapperFeature.ALLOW_FINAL_FIELDS_AS_MUTATORS)
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.changeDefaultVisibility((visibility) -> visibility.withFieldVisibility(Visibility.ANY)
				.withGetterVisibility(Visibility.NONE)
				.withIsGetterVisibility(Visibility.NONE)
				.withSetterVisibility(Visibility.NONE))
			.addModule(new IdentityModule());
	}

	/** Adds {@link Identities} after the application's own annotations, which still decide first. */
	private static final class IdentityModule extends JacksonModule {

		@Override
		public String getModuleName() {
			return "checkpointing-object-identity";
		}

		@Override
		public Version version() {
			return Version.unknownVersion();
		}

		@Override
		public void setupModule(SetupContext context) {
			context.appendAnnotationIntrospector(new Identities());
		}

	}

	/** An identity for every object of an application class but a record or an enum. */
	private static final class Identities extends NopAnnotationIntrospector {

		private static final long serialVersionUID = 1L;

		@Override
		public @Nullable ObjectIdInfo findObjectIdInfo(MapperConfig<?> config, Annotated annotated) {
			if (!(annotated instanceof AnnotatedClass annotatedClass)) {
				return null;
			}
			Class<?> type = annotatedClass.getRawType();
			if (type.getClassLoader() == null || type.isRecord() || type.isEnum() || type.isInterface()) {
				return null;
			}
			return new ObjectIdInfo(PropertyName.construct(IDENTITY), Object.class,
					ObjectIdGenerators.IntSequenceGenerator.class, SimpleObjectIdResolver.class);
		}

	}

}
