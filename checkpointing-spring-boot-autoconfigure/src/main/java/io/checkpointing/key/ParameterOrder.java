package io.checkpointing.key;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.objectweb.asm.Type;

/**
 * The canonical order of a checkpointed method's parameters: by type, declaration order among
 * parameters of one type. Its code is fingerprinted, and its arguments keyed, in that order, so
 * that swapping parameters of different types together with the call's arguments keeps stored
 * results; parameters of one type keep their order, since nothing but their names, which are not
 * always compiled in and may be renamed freely, tells them apart.
 */
final class ParameterOrder {

	private final Type[] parameters;

	private final List<Integer> declaredInOrder;

	ParameterOrder(String descriptor) {
		this.parameters = Type.getArgumentTypes(descriptor);
		List<Integer> indexes = new ArrayList<>();
		for (int i = 0; i < this.parameters.length; i++) {
			indexes.add(i);
		}
		// List.sort is stable: parameters of one type keep their declaration order.
		indexes.sort(Comparator.comparing((Integer index) -> this.parameters[index].getDescriptor()));
		this.declaredInOrder = List.copyOf(indexes);
	}

	/** @return for each canonical position, the declared index of the parameter there */
	List<Integer> declaredIndexes() {
		return this.declaredInOrder;
	}

	/** @return the descriptor with the parameters in canonical order */
	String canonicalDescriptor(String descriptor) {
		Type[] sorted = new Type[this.parameters.length];
		for (int position = 0; position < sorted.length; position++) {
			sorted[position] = this.parameters[this.declaredInOrder.get(position)];
		}
		return Type.getMethodDescriptor(Type.getReturnType(descriptor), sorted);
	}

	/**
	 * @param isStatic whether the method has no {@code this} in slot 0
	 * @return for each local slot of a parameter (both slots of a {@code long} or {@code double}),
	 * the slot it has in canonical order
	 */
	int[] slotMap(boolean isStatic) {
		int first = isStatic ? 0 : 1;
		int[] declaredSlots = new int[this.parameters.length];
		int slot = first;
		for (int i = 0; i < this.parameters.length; i++) {
			declaredSlots[i] = slot;
			slot += this.parameters[i].getSize();
		}
		int[] map = new int[slot];
		for (int i = 0; i < first; i++) {
			map[i] = i;
		}
		int canonical = first;
		for (int declared : this.declaredInOrder) {
			for (int part = 0; part < this.parameters[declared].getSize(); part++) {
				map[declaredSlots[declared] + part] = canonical + part;
			}
			canonical += this.parameters[declared].getSize();
		}
		return map;
	}

}
