package io.checkpointing.serial;

import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.AbstractDeserializer;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.bean.BeanDeserializerBase;

/**
 * Finds, before any result is stored, a type the Jackson serializers certainly cannot read back:
 * a class, anywhere in the declared type, for which Jackson finds no way to create an instance
 * from its fields (no constructor without parameters, no record constructor, no single
 * constructor whose parameters it can name, no {@code @JsonCreator}), or whose deserializer
 * Jackson cannot build.
 * The type is walked as Jackson reads it, with the mapper's own deserializers: elements of
 * collections, arrays and maps, the content of {@code Optional}, the properties of each object
 * (its fields, see {@link ObjectState}), and the type arguments of a type a module reads (such as
 * Spring Data's {@code Page<Owner>}: {@code Owner}). An interface or abstract class without an
 * implementation Jackson knows is not reported: a module, a mix-in or the value may still tell.
 * Nothing is instantiated and no code of the application runs.
 */
final class JacksonTypeCheck {

	private static final String OR_JAVA = "; or, for a Serializable type, choose @Checkpoint(serializer = \"java\")";

	private final ObjectMapper mapper;

	JacksonTypeCheck(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	Optional<TypeProblem> check(Type declared) {
		DeserializationContext context = this.mapper._deserializationContext();
		return walk(context, this.mapper.constructType(declared), "result", new HashSet<>());
	}

	private Optional<TypeProblem> walk(DeserializationContext context, JavaType type, String path, Set<JavaType> seen) {
		if (type.isPrimitive() || type.isEnumType() || type.hasRawClass(Object.class) || !seen.add(type)) {
			return Optional.empty();
		}
		if (type.isArrayType() || type.isCollectionLikeType()) {
			return walk(context, type.getContentType(), path + "[]", seen);
		}
		if (type.isMapLikeType()) {
			return walk(context, type.getContentType(), path + "{}", seen);
		}
		if (type.getReferencedType() != null) {
			return walk(context, type.getReferencedType(), path, seen);
		}
		ValueDeserializer<Object> deserializer;
		try {
			deserializer = context.findRootValueDeserializer(type);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return Optional.of(new TypeProblem(path, type.toCanonical(), "Jackson cannot read it: " + messageOf(ex),
					"Change " + type.getRawClass().getSimpleName() + " as the reason says" + OR_JAVA));
		}
		if (deserializer instanceof BeanDeserializerBase bean) {
			if (!canCreateFromAnObject(bean.getValueInstantiator())) {
				// An abstract type's instances are of classes only values show: Jackson may still find one.
				return isAbstract(type) ? Optional.empty()
						: Optional.of(new TypeProblem(path, type.toCanonical(), "Jackson finds no way to create an instance of it from its fields",
								"Give " + type.getRawClass().getSimpleName() + " a constructor without parameters (it may be"
										+ " protected), make it a record, or mark the constructor Jackson should use with"
										+ " @JsonCreator" + OR_JAVA));
			}
			for (SettableBeanProperty property : propertiesOf(bean).values()) {
				Optional<TypeProblem> problem = walk(context, property.getType(), path + "." + property.getName(), seen);
				if (problem.isPresent()) {
					return problem;
				}
			}
			return Optional.empty();
		}
		if (deserializer instanceof AbstractDeserializer) {
			return Optional.empty();
		}
		// Read by Jackson itself or a module, which reads its type arguments as types of their own.
		for (int i = 0; i < type.containedTypeCount(); i++) {
			Optional<TypeProblem> problem = walk(context, type.containedType(i), path + "<" + i + ">", seen);
			if (problem.isPresent()) {
				return problem;
			}
		}
		return Optional.empty();
	}

	/**
	 * An object is stored as its fields: it is read back through a constructor without parameters,
	 * one that takes its properties (a record's), or one that takes the whole document; a
	 * constructor of one number or string only reads a scalar, which is not what was written.
	 */
	private static boolean canCreateFromAnObject(ValueInstantiator instantiator) {
		return instantiator.canCreateUsingDefault() || instantiator.canCreateFromObjectWith()
				|| instantiator.canCreateUsingDelegate();
	}

	/** A record's properties are its constructor's; other classes' are their fields. */
	private static Map<String, SettableBeanProperty> propertiesOf(BeanDeserializerBase bean) {
		Map<String, SettableBeanProperty> properties = new LinkedHashMap<>();
		for (Iterator<SettableBeanProperty> each = bean.properties(); each.hasNext();) {
			SettableBeanProperty property = each.next();
			properties.putIfAbsent(property.getName(), property);
		}
		for (Iterator<SettableBeanProperty> each = bean.creatorProperties(); each.hasNext();) {
			SettableBeanProperty property = each.next();
			properties.putIfAbsent(property.getName(), property);
		}
		return properties;
	}

	private static boolean isAbstract(JavaType type) {
		return type.isInterface() || Modifier.isAbstract(type.getRawClass().getModifiers());
	}

	private static String messageOf(Exception ex) {
		return (ex instanceof JacksonException jackson) ? jackson.getOriginalMessage() : String.valueOf(ex.getMessage());
	}

}
