package io.checkpointing.key;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Rewrites a method's instructions so that equivalent source forms javac compiles differently
 * fingerprint alike. Each rewrite replaces instructions by others that compute exactly the same
 * thing, whatever the surrounding code; anything less certain is left as it is, since a false
 * hit is far worse than a needless rerun:
 * <ul>
 * <li>{@code x = x + c} and {@code x = x - c} on an {@code int} local become {@code x += c}
 * ({@code iinc});
 * <li>the same value loaded twice in a row becomes loaded once and duplicated, so
 * {@code this.f = this.f + c} is {@code this.f += c}, and {@code a[i] = a[i] + c} is
 * {@code a[i] += c} (the array and index loaded again become {@code dup2});
 * <li>a local variable stored once and loaded once, right after its store, is no variable at
 * all: {@code int t = a * 2; return t + 1;} is {@code return a * 2 + 1;};
 * <li>local variables (not parameters) are numbered in their order of first use, so that
 * removing one renumbers none of the others;
 * <li>Kotlin's check of a non-null parameter, {@code Intrinsics.checkNotNullParameter(p, "name")},
 * loses the parameter's name, which only its exception message shows: renaming a parameter of
 * a Kotlin function changes no more than renaming one of a Java method.
 * </ul>
 * Line numbers, frames and labels no jump or try block refers to are dropped first.
 */
final class EquivalentForms {

	private EquivalentForms() {
	}

	/**
	 * @param method a method body
	 * @param jumpTargets the labels code jumps to or try blocks use: they keep instructions apart
	 * @param lines where the source line of each instruction kept is recorded
	 * @param parameterSlots the slot each parameter slot takes instead, empty to keep them
	 * @return its instructions, rewritten; the method itself is left unchanged
	 */
	static List<AbstractInsnNode> of(MethodNode method, Set<LabelNode> jumpTargets,
			Map<AbstractInsnNode, Integer> lines, int[] parameterSlots) {
		List<AbstractInsnNode> instructions = new ArrayList<>();
		int line = -1;
		for (AbstractInsnNode instruction : method.instructions) {
			if (instruction instanceof org.objectweb.asm.tree.LineNumberNode number) {
				line = number.line;
			}
			else if (instruction.getOpcode() >= 0 || jumpTargets.contains(instruction)) {
				instructions.add(instruction);
				lines.put(instruction, line);
			}
		}
		int firstLocal = ((method.access & Opcodes.ACC_STATIC) != 0) ? 0 : 1;
		for (Type parameter : Type.getArgumentTypes(method.desc)) {
			firstLocal += parameter.getSize();
		}
		List<AbstractInsnNode> rewritten = withoutSingleUseLocals(increments(unnamedParameterChecks(instructions,
				firstLocal, lines)), firstLocal);
		return renumberLocals(duplicates(rewritten), firstLocal, parameterSlots);
	}

	/**
	 * {@code aload p; ldc "name"; invokestatic kotlin/jvm/internal/Intrinsics.checkNotNullParameter}
	 * of a parameter {@code p} loses the name.
	 */
	private static List<AbstractInsnNode> unnamedParameterChecks(List<AbstractInsnNode> instructions, int firstLocal,
			Map<AbstractInsnNode, Integer> lines) {
		List<AbstractInsnNode> result = new ArrayList<>(instructions);
		for (int i = 0; i + 2 < result.size(); i++) {
			if (result.get(i) instanceof VarInsnNode load && load.getOpcode() == Opcodes.ALOAD && load.var < firstLocal
					&& result.get(i + 1) instanceof LdcInsnNode name && name.cst instanceof String
					&& result.get(i + 2) instanceof MethodInsnNode check && check.getOpcode() == Opcodes.INVOKESTATIC
					&& check.owner.equals("kotlin/jvm/internal/Intrinsics") && check.name.equals("checkNotNullParameter")
					&& check.desc.equals("(Ljava/lang/Object;Ljava/lang/String;)V")) {
				LdcInsnNode unnamed = new LdcInsnNode("");
				lines.put(unnamed, lines.getOrDefault(name, -1));
				result.set(i + 1, unnamed);
			}
		}
		return result;
	}

	/** {@code iload n; <int constant>; iadd|isub; istore n} becomes {@code iinc n ±c}. */
	private static List<AbstractInsnNode> increments(List<AbstractInsnNode> instructions) {
		List<AbstractInsnNode> result = new ArrayList<>();
		for (int i = 0; i < instructions.size(); i++) {
			if (i + 3 < instructions.size() && instructions.get(i) instanceof VarInsnNode load
					&& load.getOpcode() == Opcodes.ILOAD && instructions.get(i + 3) instanceof VarInsnNode store
					&& store.getOpcode() == Opcodes.ISTORE && store.var == load.var) {
				Integer constant = intConstant(instructions.get(i + 1));
				int operation = instructions.get(i + 2).getOpcode();
				if (constant != null && (operation == Opcodes.IADD || operation == Opcodes.ISUB)) {
					int increment = (operation == Opcodes.IADD) ? constant : -constant;
					if (increment >= Short.MIN_VALUE && increment <= Short.MAX_VALUE) {
						result.add(new IincInsnNode(load.var, increment));
						i += 3;
						continue;
					}
				}
			}
			result.add(instructions.get(i));
		}
		return result;
	}

	private static @Nullable Integer intConstant(AbstractInsnNode instruction) {
		int opcode = instruction.getOpcode();
		if (opcode >= Opcodes.ICONST_M1 && opcode <= Opcodes.ICONST_5) {
			return opcode - Opcodes.ICONST_0;
		}
		if ((opcode == Opcodes.BIPUSH || opcode == Opcodes.SIPUSH) && instruction instanceof IntInsnNode push) {
			return push.operand;
		}
		return null;
	}

	/** A local stored once and loaded once, right after, leaves its value on the stack instead. */
	private static List<AbstractInsnNode> withoutSingleUseLocals(List<AbstractInsnNode> instructions, int parameterSlots) {
		Map<Integer, int[]> uses = new HashMap<>(); // stores, loads, increments
		for (AbstractInsnNode instruction : instructions) {
			if (instruction instanceof VarInsnNode variable && variable.getOpcode() != Opcodes.RET) {
				int[] counts = uses.computeIfAbsent(variable.var, (key) -> new int[3]);
				counts[isStore(variable) ? 0 : 1]++;
			}
			else if (instruction instanceof IincInsnNode increment) {
				uses.computeIfAbsent(increment.var, (key) -> new int[3])[2]++;
			}
			else if (instruction.getOpcode() == Opcodes.RET) {
				return instructions; // old-style subroutines: leave as is
			}
		}
		List<AbstractInsnNode> result = new ArrayList<>();
		for (int i = 0; i < instructions.size(); i++) {
			if (i + 1 < instructions.size() && instructions.get(i) instanceof VarInsnNode store && isStore(store)
					&& store.var >= parameterSlots && instructions.get(i + 1) instanceof VarInsnNode load
					&& load.var == store.var && load.getOpcode() == store.getOpcode() - (Opcodes.ISTORE - Opcodes.ILOAD)
					&& java.util.Arrays.equals(uses.get(store.var), new int[] { 1, 1, 0 })) {
				i++;
				continue;
			}
			result.add(instructions.get(i));
		}
		return result;
	}

	private static boolean isStore(VarInsnNode variable) {
		return variable.getOpcode() >= Opcodes.ISTORE && variable.getOpcode() <= Opcodes.ASTORE;
	}

	/**
	 * A one-slot value loaded again right after it was loaded is duplicated instead; so are an
	 * array and an index pushed again right after they were pushed, to read the element.
	 */
	private static List<AbstractInsnNode> duplicates(List<AbstractInsnNode> instructions) {
		List<AbstractInsnNode> result = new ArrayList<>();
		for (AbstractInsnNode instruction : instructions) {
			int size = result.size();
			if (size > 0 && isOneSlotLoad(instruction) && same(result.get(size - 1), instruction)) {
				result.add(new InsnNode(Opcodes.DUP));
				continue;
			}
			if (instruction.getOpcode() >= Opcodes.IALOAD && instruction.getOpcode() <= Opcodes.SALOAD) {
				int indexAgain = unitStart(result, size);
				int arrayAgain = unitStart(result, indexAgain);
				int index = unitStart(result, arrayAgain);
				int array = unitStart(result, index);
				// the array and index pushed, then the same two again: the element is read where it is written
				if (sameUnits(result, array, arrayAgain, size)) {
					result.subList(arrayAgain, size).clear();
					result.add(new InsnNode(Opcodes.DUP2));
				}
			}
			result.add(instruction);
		}
		return result;
	}

	private static boolean isOneSlotLoad(AbstractInsnNode instruction) {
		int opcode = instruction.getOpcode();
		return opcode == Opcodes.ILOAD || opcode == Opcodes.FLOAD || opcode == Opcodes.ALOAD;
	}

	/**
	 * @return where the simple one-slot value that ends before {@code end} starts: a local, an
	 * {@code int} constant, a static field, or a field of a local; {@code -1} if there is none
	 */
	private static int unitStart(List<AbstractInsnNode> instructions, int end) {
		if (end <= 0) {
			return -1;
		}
		AbstractInsnNode last = instructions.get(end - 1);
		if (isOneSlotLoad(last) || intConstant(last) != null) {
			return end - 1;
		}
		if (last instanceof FieldInsnNode field && Type.getType(field.desc).getSize() == 1) {
			if (field.getOpcode() == Opcodes.GETSTATIC) {
				return end - 1;
			}
			if (field.getOpcode() == Opcodes.GETFIELD && end >= 2 && instructions.get(end - 2).getOpcode() == Opcodes.ALOAD) {
				return end - 2;
			}
		}
		return -1;
	}

	/** Whether {@code [start, middle)} and {@code [middle, end)} are the same instructions; false if a bound is missing. */
	private static boolean sameUnits(List<AbstractInsnNode> instructions, int start, int middle, int end) {
		if (start < 0 || middle - start != end - middle) {
			return false;
		}
		for (int i = 0; i < middle - start; i++) {
			if (!same(instructions.get(start + i), instructions.get(middle + i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean same(AbstractInsnNode first, AbstractInsnNode second) {
		if (first.getOpcode() != second.getOpcode()) {
			return false;
		}
		if (first instanceof VarInsnNode a && second instanceof VarInsnNode b) {
			return a.var == b.var;
		}
		if (first instanceof IntInsnNode a && second instanceof IntInsnNode b) {
			return a.operand == b.operand;
		}
		if (first instanceof FieldInsnNode a && second instanceof FieldInsnNode b) {
			return a.owner.equals(b.owner) && a.name.equals(b.name) && a.desc.equals(b.desc);
		}
		return first instanceof InsnNode && second instanceof InsnNode;
	}

	/**
	 * Locals are numbered by first use after the parameters, and the parameters take the slots
	 * of their canonical order.
	 */
	private static List<AbstractInsnNode> renumberLocals(List<AbstractInsnNode> instructions, int firstLocal,
			int[] parameterSlots) {
		Map<Integer, Integer> numbers = new HashMap<>();
		List<AbstractInsnNode> result = new ArrayList<>();
		for (AbstractInsnNode instruction : instructions) {
			if (instruction instanceof VarInsnNode variable) {
				result.add(new VarInsnNode(variable.getOpcode(), slot(variable.var, firstLocal, parameterSlots, numbers)));
			}
			else if (instruction instanceof IincInsnNode increment) {
				result.add(new IincInsnNode(slot(increment.var, firstLocal, parameterSlots, numbers), increment.incr));
			}
			else {
				result.add(instruction);
			}
		}
		return result;
	}

	private static int slot(int slot, int firstLocal, int[] parameterSlots, Map<Integer, Integer> numbers) {
		if (slot < parameterSlots.length) {
			return parameterSlots[slot];
		}
		if (slot < firstLocal) {
			return slot;
		}
		return numbers.computeIfAbsent(slot, (key) -> firstLocal + numbers.size());
	}

}
