package io.checkpointing.key;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The paths a method's state follows, kept per checkpointed method so that a hit only reads
 * fields: for each class of collaborator met, the instance fields the reached code reads on it
 * (its own and its superclasses'), found once from the walk's field reads.
 */
public final class StatePaths {

	private final MethodCode code;

	private final Map<Class<?>, List<Field>> readsOn = new ConcurrentHashMap<>();

	/**
	 * @param code what the walk of the method found
	 */
	public StatePaths(MethodCode code) {
		this.code = code;
	}

	/** @return the method's code */
	public MethodCode code() {
		return this.code;
	}

	/**
	 * @param type the class of a collaborator
	 * @return the instance fields the reached code reads on objects of that class, in a stable order
	 */
	List<Field> readsOn(Class<?> type) {
		return this.readsOn.computeIfAbsent(type, this::findReadsOn);
	}

	private List<Field> findReadsOn(Class<?> type) {
		List<Field> fields = new ArrayList<>();
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			Set<Field> read = this.code.fieldReadsOf(current);
			read.stream()
				.filter((field) -> !Modifier.isStatic(field.getModifiers()))
				.sorted(Comparator.comparing(Field::getName))
				.forEach(fields::add);
		}
		fields.forEach((field) -> field.setAccessible(true));
		return List.copyOf(fields);
	}

}
