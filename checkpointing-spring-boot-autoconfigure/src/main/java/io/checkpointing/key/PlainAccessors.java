package io.checkpointing.key;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Tells whether a field read is consumed at once by a plain accessor of the value read (a record
 * accessor, a JavaBean getter), so that the read reaches only the field behind that accessor.
 * Certain only when the next instruction is the accessor's call (no jump lands in between), the
 * accessor's own bytecode is {@code aload_0; getfield; return} and no subclass can override it
 * (its class or the accessor is final). Anything else is not a partial read.
 */
final class PlainAccessors {

	private final ClassFiles files;

	private final Predicate<String> isApplication;

	/**
	 * @param isApplication whether a class, by internal name, is application code (whose accessors
	 * the walk follows, so a change to one changes the fingerprint)
	 */
	PlainAccessors(ClassFiles files, Predicate<String> isApplication) {
		this.files = files;
		this.isApplication = isApplication;
	}

	/**
	 * @param read a {@code getfield} or {@code getstatic}
	 * @param jumpTargets the labels of its method that code jumps to
	 * @return the field behind the plain accessor that consumes the value read, or {@code null} if
	 * the value is used in any other way
	 */
	@Nullable Field behind(FieldInsnNode read, Set<LabelNode> jumpTargets) {
		Type type = Type.getType(read.desc);
		if (type.getSort() != Type.OBJECT || !this.isApplication.test(type.getInternalName())) {
			return null;
		}
		AbstractInsnNode next = read.getNext();
		while (next != null && next.getOpcode() < 0) {
			if (next instanceof LabelNode label && jumpTargets.contains(label)) {
				return null; // another value may reach the call from elsewhere
			}
			next = next.getNext();
		}
		if (!(next instanceof MethodInsnNode call) || call.getOpcode() != Opcodes.INVOKEVIRTUAL
				|| !call.owner.equals(type.getInternalName()) || !call.desc.startsWith("()")) {
			return null;
		}
		Class<?> owner = this.files.load(call.owner);
		if (owner == null) {
			return null;
		}
		MethodNode accessor = this.files.method(owner, call.name, call.desc);
		if (accessor == null || (accessor.access & Opcodes.ACC_STATIC) != 0
				|| !(Modifier.isFinal(owner.getModifiers()) || (accessor.access & Opcodes.ACC_FINAL) != 0)) {
			return null;
		}
		return returnedField(owner, call.owner, accessor);
	}

	/** The field a body of exactly {@code aload_0; getfield <own field>; xreturn} returns. */
	private @Nullable Field returnedField(Class<?> owner, String ownerName, MethodNode accessor) {
		if (!accessor.tryCatchBlocks.isEmpty()) {
			return null;
		}
		List<AbstractInsnNode> code = new ArrayList<>();
		for (AbstractInsnNode instruction : accessor.instructions) {
			if (instruction.getOpcode() >= 0) {
				code.add(instruction);
			}
		}
		if (code.size() != 3 || !(code.get(0) instanceof VarInsnNode load) || load.getOpcode() != Opcodes.ALOAD
				|| load.var != 0 || !(code.get(1) instanceof FieldInsnNode get) || get.getOpcode() != Opcodes.GETFIELD
				|| !get.owner.equals(ownerName) || code.get(2).getOpcode() < Opcodes.IRETURN
				|| code.get(2).getOpcode() > Opcodes.ARETURN) {
			return null;
		}
		for (Field field : owner.getDeclaredFields()) {
			if (field.getName().equals(get.name) && !Modifier.isStatic(field.getModifiers())) {
				return field;
			}
		}
		return null;
	}

}
