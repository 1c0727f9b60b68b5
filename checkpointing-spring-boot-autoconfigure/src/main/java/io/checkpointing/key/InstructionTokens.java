package io.checkpointing.key;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Turns the instructions of one method body, in their {@link EquivalentForms equivalent form},
 * into the tokens of its fingerprint. Labels count only where code jumps to them or a try block
 * starts, ends or is handled, numbered in their order of appearance: the labels that only carry
 * line numbers or variable scopes are left out, so that moving code between lines changes
 * nothing. Line numbers are kept aside only to say where a call is.
 */
final class InstructionTokens {

	private static final String LAMBDA_METAFACTORY = "java/lang/invoke/LambdaMetafactory";

	private final MethodNormalizer normalizer;

	private final MethodNode method;

	private final Map<LabelNode, Integer> labels = new HashMap<>();

	private final Set<LabelNode> targets = new HashSet<>();

	private final Map<AbstractInsnNode, Integer> lines = new HashMap<>();

	private List<AbstractInsnNode> instructions = List.of();

	private final int[] parameterSlots;

	/**
	 * @param parameterSlots the slot each parameter slot has in the parameters' canonical order,
	 * empty to keep them (see {@link ParameterOrder})
	 */
	InstructionTokens(MethodNormalizer normalizer, MethodNode method, int[] parameterSlots) {
		this.normalizer = normalizer;
		this.method = method;
		this.parameterSlots = parameterSlots;
	}

	void feed() {
		for (TryCatchBlockNode block : this.method.tryCatchBlocks) {
			Collections.addAll(this.targets, block.start, block.end, block.handler);
		}
		for (AbstractInsnNode instruction : this.method.instructions) {
			if (instruction instanceof JumpInsnNode jump) {
				this.targets.add(jump.label);
			}
			else if (instruction instanceof TableSwitchInsnNode table) {
				this.targets.add(table.dflt);
				this.targets.addAll(table.labels);
			}
			else if (instruction instanceof LookupSwitchInsnNode lookup) {
				this.targets.add(lookup.dflt);
				this.targets.addAll(lookup.labels);
			}
		}
		for (TryCatchBlockNode block : this.method.tryCatchBlocks) {
			put("try:" + label(block.start) + ":" + label(block.end) + ":" + label(block.handler) + ":" + block.type);
		}
		this.instructions = EquivalentForms.of(this.method, this.targets, this.lines, this.parameterSlots);
		for (int i = 0; i < this.instructions.size(); i++) {
			feed(i, this.instructions.get(i));
		}
	}

	private void put(String token) {
		this.normalizer.put(token);
	}

	private int label(LabelNode label) {
		return this.labels.computeIfAbsent(label, (key) -> this.labels.size());
	}

	private void feed(int index, AbstractInsnNode instruction) {
		if (instruction instanceof LabelNode label) {
			put("label:" + label(label));
		}
		else if (instruction instanceof IntInsnNode insn) {
			put("int:" + insn.getOpcode() + ":" + insn.operand);
		}
		else if (instruction instanceof VarInsnNode insn) {
			put("var:" + insn.getOpcode() + ":" + insn.var);
		}
		else if (instruction instanceof TypeInsnNode insn) {
			put("type:" + insn.getOpcode() + ":" + this.normalizer.normalize(insn.desc));
			if (insn.getOpcode() == Opcodes.NEW) {
				this.normalizer.instantiates(insn.desc);
			}
		}
		else if (instruction instanceof FieldInsnNode insn) {
			boolean reads = insn.getOpcode() == Opcodes.GETFIELD || insn.getOpcode() == Opcodes.GETSTATIC;
			this.normalizer.fieldAccess(insn.getOpcode(), insn.owner, insn.name, insn.desc,
					reads ? this.normalizer.accessors().behind(insn, this.targets) : null);
		}
		else if (instruction instanceof MethodInsnNode insn) {
			this.normalizer.call(insn.getOpcode(), "call:" + insn.getOpcode(), insn.owner, insn.name, insn.desc, line(insn),
					constantArguments(index, insn));
		}
		else if (instruction instanceof InvokeDynamicInsnNode insn) {
			invokeDynamic(insn);
		}
		else if (instruction instanceof JumpInsnNode insn) {
			put("jump:" + insn.getOpcode() + ":" + label(insn.label));
		}
		else if (instruction instanceof LdcInsnNode insn) {
			put("ldc:" + this.normalizer.constant(insn.cst));
		}
		else if (instruction instanceof IincInsnNode insn) {
			put("iinc:" + insn.var + ":" + insn.incr);
		}
		else if (instruction instanceof TableSwitchInsnNode insn) {
			StringBuilder token = new StringBuilder("table:" + insn.min + ":" + insn.max + ":" + label(insn.dflt));
			insn.labels.forEach((target) -> token.append(':').append(label(target)));
			put(token.toString());
		}
		else if (instruction instanceof LookupSwitchInsnNode insn) {
			StringBuilder token = new StringBuilder("lookup:" + label(insn.dflt));
			for (int i = 0; i < insn.keys.size(); i++) {
				token.append(':').append(insn.keys.get(i)).append('=').append(label(insn.labels.get(i)));
			}
			put(token.toString());
		}
		else if (instruction instanceof MultiANewArrayInsnNode insn) {
			put("multi:" + this.normalizer.normalize(insn.desc) + ":" + insn.dims);
		}
		else if (instruction.getOpcode() >= 0) {
			// every other instruction is its opcode alone; a frame carries no behavior
			put("insn:" + instruction.getOpcode());
		}
	}

	private void invokeDynamic(InvokeDynamicInsnNode insn) {
		Handle bootstrap = insn.bsm;
		put("indy:" + insn.name + this.normalizer.normalize(insn.desc) + ":" + bootstrap.getOwner() + "."
				+ bootstrap.getName());
		for (Object argument : insn.bsmArgs) {
			if (bootstrap.getOwner().equals(LAMBDA_METAFACTORY) && argument instanceof Handle handle) {
				if (this.normalizer.isOwnLambda(handle)) {
					put("lambda:" + handle.getTag());
					this.normalizer.feedMethod(handle.getName(), handle.getDesc());
				}
				else {
					int opcode = (handle.getTag() == Opcodes.H_INVOKEVIRTUAL) ? Opcodes.INVOKEVIRTUAL
							: (handle.getTag() == Opcodes.H_INVOKEINTERFACE) ? Opcodes.INVOKEINTERFACE
									: Opcodes.INVOKESTATIC;
					this.normalizer.call(opcode, "reference:" + handle.getTag(), handle.getOwner(), handle.getName(),
							handle.getDesc(), line(insn), List.of());
				}
			}
			else {
				put(this.normalizer.constant(argument));
			}
		}
	}

	private int line(AbstractInsnNode instruction) {
		return this.lines.getOrDefault(instruction, -1);
	}

	/**
	 * Which arguments of a call are {@code String} constants: walking back from the call, each
	 * argument, last first, is pushed by the instruction before while those push one value each
	 * and no jump lands between them.
	 */
	private List<@Nullable String> constantArguments(int index, MethodInsnNode call) {
		int count = Type.getArgumentTypes(call.desc).length;
		List<@Nullable String> constants = new ArrayList<@Nullable String>(Collections.nCopies(count, null));
		int previous = index - 1;
		for (int argument = count - 1; argument >= 0 && previous >= 0; argument--, previous--) {
			AbstractInsnNode pushes = this.instructions.get(previous);
			if (!pushesOneValue(pushes)) {
				return constants;
			}
			if (pushes instanceof LdcInsnNode ldc && ldc.cst instanceof String text) {
				constants.set(argument, text);
			}
		}
		return constants;
	}

	private static boolean pushesOneValue(AbstractInsnNode instruction) {
		int opcode = instruction.getOpcode();
		return (opcode >= Opcodes.ACONST_NULL && opcode <= Opcodes.ALOAD) || opcode == Opcodes.GETSTATIC;
	}

}
