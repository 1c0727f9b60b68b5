package io.checkpointing.engine;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The classes of every object reachable from a result through collections, maps, arrays and record components. */
final class ValueClasses {

	private ValueClasses() {
	}

	static Set<Class<?>> of(Object value) {
		Set<Class<?>> classes = new LinkedHashSet<>();
		Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		Deque<Object> toVisit = new ArrayDeque<>();
		toVisit.push(value);
		while (!toVisit.isEmpty()) {
			Object next = toVisit.pop();
			if (!seen.add(next)) {
				continue;
			}
			classes.add(next.getClass());
			if (next instanceof Collection<?> collection) {
				collection.stream().filter((element) -> element != null).forEach(toVisit::push);
			}
			else if (next instanceof Map<?, ?> map) {
				map.forEach((key, mapped) -> {
					if (key != null) {
						toVisit.push(key);
					}
					if (mapped != null) {
						toVisit.push(mapped);
					}
				});
			}
			else if (next instanceof Optional<?> optional) {
				optional.ifPresent(toVisit::push);
			}
			else if (next.getClass().isArray() && !next.getClass().getComponentType().isPrimitive()) {
				for (int i = 0; i < Array.getLength(next); i++) {
					Object element = Array.get(next, i);
					if (element != null) {
						toVisit.push(element);
					}
				}
			}
			else if (next.getClass().isRecord()) {
				for (RecordComponent component : next.getClass().getRecordComponents()) {
					try {
						Object part = component.getAccessor().invoke(next);
						if (part != null) {
							toVisit.push(part);
						}
					}
					catch (ReflectiveOperationException ex) {
						throw new IllegalStateException(ex);
					}
				}
			}
		}
		return classes;
	}

	/** @return whether the class is one of the JDK's own, loaded by the boot loader */
	static boolean isJdk(Class<?> type) {
		return type.getClassLoader() == null;
	}

}
