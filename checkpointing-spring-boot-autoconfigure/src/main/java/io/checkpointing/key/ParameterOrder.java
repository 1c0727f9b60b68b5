package io.checkpointing.key;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The canonical order of a checkpointed method's parameters: by type, then, among parameters of
 * one type, by where the body first uses them, then by declaration. Its code is fingerprinted, and
 * its arguments keyed, in that order, so that swapping parameters together with the call's
 * arguments keeps stored results.
 *
 * <p>Any order is sound as long as the body and the arguments take the same one: two versions
 * share a key only if their bodies are the same code over the parameters in that order and the
 * arguments in that order are equal. So {@code minus(int a, int b) { return a - b; }} called with
 * {@code (5, 3)} and {@code minus(int b, int a) { return a - b; }} called with {@code (3, 5)}
 * share a key, while the latter called with {@code (5, 3)} does not.
 */
final class ParameterOrder {

	private final Type[] parameters;

	private final List<Integer> declaredInOrder;

	/** The order by type, then declaration, for a method whose body is not read. */
	ParameterOrder(String descriptor) {
		this(descriptor, null, false);
	}

	/**
	 * @param descriptor the method's descriptor
	 * @param body the method's instructions, {@code null} to order by type and declaration alone
	 * @param isStatic whether the method has no {@code this} in slot 0
	 */
	ParameterOrder(String descriptor, @Nullable MethodNode body, boolean isStatic) {
		this.parameters = Type.getArgumentTypes(descriptor);
		int[] firstUse = firstUses(this.parameters, body, isStatic);
		List<Integer> indexes = new ArrayList<>();
		for (int i = 0; i < this.parameters.length; i++) {
			indexes.add(i);
		}
		// List.sort is stable: parameters of one type never used keep their declaration order.
		indexes.sort(Comparator.comparing((Integer index) -> this.parameters[index].getDescriptor())
			.thenComparingInt((index) -> firstUse[index]));
		this.declaredInOrder = List.copyOf(indexes);
	}

	/** @return for each parameter, the position of the body's first instruction using it */
	private static int[] firstUses(Type[] parameters, @Nullable MethodNode body, boolean isStatic) {
		int[] firstUse = new int[parameters.length];
		Arrays.fill(firstUse, Integer.MAX_VALUE);
		if (body == null) {
			return firstUse;
		}
		int[] parameterOfSlot = new int[slotCount(parameters, isStatic)];
		Arrays.fill(parameterOfSlot, -1);
		int slot = isStatic ? 0 : 1;
		for (int i = 0; i < parameters.length; i++) {
			parameterOfSlot[slot] = i;
			slot += parameters[i].getSize();
		}
		int position = 0;
		for (AbstractInsnNode instruction = body.instructions.getFirst(); instruction != null;
				instruction = instruction.getNext()) {
			int used = (instruction instanceof VarInsnNode variable) ? variable.var
					: (instruction instanceof IincInsnNode increment) ? increment.var : -1;
			if (used >= 0 && used < parameterOfSlot.length && parameterOfSlot[used] >= 0) {
				int parameter = parameterOfSlot[used];
				firstUse[parameter] = Math.min(firstUse[parameter], position);
			}
			position++;
		}
		return firstUse;
	}

	private static int slotCount(Type[] parameters, boolean isStatic) {
		int slots = isStatic ? 0 : 1;
		for (Type parameter : parameters) {
			slots += parameter.getSize();
		}
		return slots;
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
