package io.checkpointing.serial;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.hibernate.Hibernate;
import org.hibernate.collection.spi.PersistentCollection;
import org.hibernate.proxy.HibernateProxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.module.SimpleSerializers;
import tools.jackson.databind.ser.BeanPropertyWriter;
import tools.jackson.databind.ser.ValueSerializerModifier;

/**
 * What the serializers do with the objects Hibernate puts into entities: a persistent collection
 * is stored as the plain collection it holds, a proxy as the entity it stands for, and an
 * association Hibernate has not loaded is stored as absent. Loading it would take a session that
 * is usually closed when the result is stored, and would store more than the method returned (a
 * whole graph, one query per association); so a hit has what the method loaded, and the
 * association keeps the value a new instance has (an empty collection, or {@code null}). Each
 * such association is reported once, at INFO.
 *
 * <p>Only {@link #isPresent()} may be called without Hibernate on the class path.
 */
final class HibernateValues {

	private static final boolean PRESENT = isOnClassPath();

	private HibernateValues() {
	}

	/** @return whether Hibernate ORM is on the class path */
	static boolean isPresent() {
		return PRESENT;
	}

	static JacksonModule jacksonModule() {
		return Loaded.module();
	}

	/**
	 * For JDK serialization, which writes an object's own class: Hibernate's collections and
	 * proxies are not the classes of the declared type, and would be refused.
	 * @param object an object about to be written
	 * @return the plain collection or the entity it stands for, or the object itself
	 * @throws IOException if it is an association Hibernate has not loaded
	 */
	static Object plain(Object object) throws IOException {
		return Loaded.plain(object);
	}

	private static boolean isOnClassPath() {
		try {
			Class.forName("org.hibernate.Hibernate", false, HibernateValues.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	/** Names Hibernate's classes: loaded only when Hibernate is present. */
	private static final class Loaded {

		private static final Logger logger = LoggerFactory.getLogger(HibernateValues.class);

		/** The associations already reported as not loaded, as {@code Class.property}. */
		private static final Set<String> reported = ConcurrentHashMap.newKeySet();

		static JacksonModule module() {
			SimpleModule module = new SimpleModule("checkpointing-hibernate");
			SimpleSerializers serializers = new SimpleSerializers();
			serializers.addSerializer(HibernateProxy.class, new ProxySerializer());
			module.setSerializers(serializers);
			module.setSerializerModifier(new ValueSerializerModifier() {

				private static final long serialVersionUID = 1L;

				@Override
				public List<BeanPropertyWriter> changeProperties(SerializationConfig config,
						BeanDescription.Supplier description, List<BeanPropertyWriter> properties) {
					List<BeanPropertyWriter> loadedOnly = new ArrayList<>(properties.size());
					properties.forEach((property) -> loadedOnly.add(new LoadedOnly(property)));
					return loadedOnly;
				}

			});
			return module;
		}

		static Object plain(Object object) throws IOException {
			if (!Hibernate.isInitialized(object)) {
				throw new IOException("it holds a " + describe(object) + " that Hibernate has not loaded, which JDK "
						+ "serialization cannot write. Load it in the method (a join fetch, an @EntityGraph, or "
						+ "Hibernate.initialize), or store the result with the json serializer, which stores an "
						+ "association that is not loaded as absent");
			}
			if (object instanceof HibernateProxy proxy) {
				return proxy.getHibernateLazyInitializer().getImplementation();
			}
			if (object instanceof PersistentCollection<?>) {
				return plainCopy(object);
			}
			return object;
		}

		private static Object plainCopy(Object collection) {
			if (collection instanceof SortedSet<?> set) {
				return new TreeSet<>(set);
			}
			if (collection instanceof Set<?> set) {
				return new LinkedHashSet<>(set);
			}
			if (collection instanceof Collection<?> elements) {
				return new ArrayList<>(elements);
			}
			if (collection instanceof SortedMap<?, ?> map) {
				return new TreeMap<>(map);
			}
			if (collection instanceof Map<?, ?> map) {
				return new LinkedHashMap<>(map);
			}
			// An array of a persistent array holder: written as what it wraps cannot be, so as itself.
			return collection;
		}

		private static String describe(Object object) {
			if (object instanceof HibernateProxy proxy) {
				return "proxy of " + proxy.getHibernateLazyInitializer().getEntityName() + " #"
						+ proxy.getHibernateLazyInitializer().getInternalIdentifier();
			}
			if (object instanceof PersistentCollection<?> collection && collection.getRole() != null) {
				return "collection " + collection.getRole();
			}
			return object.getClass().getName();
		}

		/** Leaves out a property whose value Hibernate has not loaded; reading it would fail or query. */
		private static final class LoadedOnly extends BeanPropertyWriter {

			private static final long serialVersionUID = 1L;

			LoadedOnly(BeanPropertyWriter property) {
				super(property);
			}

			@Override
			public void serializeAsProperty(Object bean, JsonGenerator generator, SerializationContext context)
					throws Exception {
				Object value = get(bean);
				if (value != null && !Hibernate.isInitialized(value)) {
					if (reported.add(bean.getClass().getName() + "." + getName())) {
						logger.info("{}.{} was not loaded when a result holding it was stored: it is stored as absent, "
								+ "so a hit has the value a new {} has (see docs/spring-data.md). Load it in the "
								+ "checkpointed method (a join fetch or an @EntityGraph) if callers use it",
								bean.getClass().getSimpleName(), getName(), bean.getClass().getSimpleName());
					}
					return;
				}
				super.serializeAsProperty(bean, generator, context);
			}

		}

		/** Writes a loaded proxy as the entity it stands for; a proxy's own fields are empty. */
		private static final class ProxySerializer extends ValueSerializer<HibernateProxy> {

			@Override
			public void serialize(HibernateProxy proxy, JsonGenerator generator, SerializationContext context) {
				if (proxy.getHibernateLazyInitializer().isUninitialized()) {
					throw DatabindException.from(generator, "the result holds a " + describe(proxy)
							+ " that Hibernate has not loaded: load it in the method (findById rather than "
							+ "getReferenceById, a join fetch, or Hibernate.initialize)");
				}
				Object entity = proxy.getHibernateLazyInitializer().getImplementation();
				context.writeValue(generator, entity);
			}

		}

	}

}
