package io.checkpointing.key;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.checkpointing.CheckpointException;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The code part of a key: a digest of the method's bytecode, normalized so that only what can
 * change the result counts. The class file is read through the declaring class's own
 * {@code ClassLoader}, so it works under Spring Boot's nested-jar loader and DevTools' restart
 * loader alike.
 *
 * <p>Left out: line numbers, local variable and parameter names, stack map frames, the source
 * file, annotations, the method's own name and its class's name (renaming keeps stored results).
 * Kept: every instruction with its constants, types, and the fields and methods it references.
 * Lambdas the method creates are folded in by their bodies, not their generated names. Fields of
 * the method's own class are identified by their type and the order the method reads them, not
 * their names: their values join the key through {@link StateReader}.
 *
 * <p>Each method is read once and memoized; a hit never reads bytecode.
 */
public final class CodeFingerprinter {

	private final Map<Method, MethodCode> codes = new ConcurrentHashMap<>();

	/**
	 * @param method a checkpointed method (the implementation, not a proxy's or bridge)
	 * @return its fingerprint and the fields it reads
	 * @throws CheckpointException if the method's class file cannot be found or read
	 */
	public MethodCode codeOf(Method method) {
		return this.codes.computeIfAbsent(method, CodeFingerprinter::read);
	}

	private static MethodCode read(Method method) {
		Class<?> owner = method.getDeclaringClass();
		ClassReader reader = new ClassReader(classBytes(owner));
		MessageDigest digest = Digests.sha256();
		List<Field> fieldsRead = new ArrayList<>();
		String descriptor = Type.getMethodDescriptor(method);
		boolean found = new MethodNormalizer(reader, owner, digest, fieldsRead).feed(method.getName(), descriptor);
		if (!found) {
			throw new CheckpointException("Cannot fingerprint " + owner.getName() + "#" + method.getName()
					+ ": its class file has no method " + method.getName() + descriptor);
		}
		return new MethodCode(digest.digest(), List.copyOf(fieldsRead));
	}

	private static byte[] classBytes(Class<?> type) {
		String resource = type.getName().replace('.', '/') + ".class";
		ClassLoader loader = type.getClassLoader();
		try (InputStream in = (loader != null) ? loader.getResourceAsStream(resource)
				: ClassLoader.getSystemResourceAsStream(resource)) {
			if (in == null || type.isHidden()) {
				throw new CheckpointException("Cannot fingerprint the code of " + type.getName()
						+ ": its class file is not available from its class loader (a hidden or generated class?)."
						+ " Put @Checkpoint on a method of a class compiled from source.");
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new CheckpointException("Cannot read the class file of " + type.getName() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Feeds one method of a class, and the lambda bodies it creates, into a digest. Reads the
	 * class once per method: lambdas are looked up in the same {@link ClassReader}.
	 */
	private static final class MethodNormalizer {

		private static final String LAMBDA_METAFACTORY = "java/lang/invoke/LambdaMetafactory";

		private final ClassReader reader;

		private final Class<?> owner;

		private final String ownerName;

		private final MessageDigest digest;

		private final List<Field> fieldsRead;

		private final List<String> fieldIds = new ArrayList<>();

		private final List<String> visiting = new ArrayList<>();

		MethodNormalizer(ClassReader reader, Class<?> owner, MessageDigest digest, List<Field> fieldsRead) {
			this.reader = reader;
			this.owner = owner;
			this.ownerName = reader.getClassName();
			this.digest = digest;
			this.fieldsRead = fieldsRead;
		}

		boolean feed(String name, String descriptor) {
			String id = name + descriptor;
			if (this.visiting.contains(id)) {
				put("recursion:" + this.visiting.indexOf(id));
				return true;
			}
			this.visiting.add(id);
			boolean[] found = { false };
			put("method:" + normalize(descriptor));
			this.reader.accept(new ClassVisitor(Opcodes.ASM9) {
				@Override
				public MethodVisitor visitMethod(int access, String methodName, String methodDescriptor, String signature,
						String[] exceptions) {
					if (!methodName.equals(name) || !methodDescriptor.equals(descriptor)) {
						return null;
					}
					found[0] = true;
					put("access:" + (access & (Opcodes.ACC_STATIC | Opcodes.ACC_SYNCHRONIZED)));
					return new InstructionVisitor();
				}
			}, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
			this.visiting.remove(this.visiting.size() - 1);
			return found[0];
		}

		private void put(String token) {
			this.digest.update(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			this.digest.update((byte) 0);
		}

		/** The class's own name is replaced, so renaming the class keeps its fingerprints. */
		private String normalize(String text) {
			return text.replace(this.ownerName, "<this>");
		}

		private String constant(Object value) {
			if (value instanceof Type type) {
				return "type:" + normalize(type.getDescriptor());
			}
			if (value instanceof org.objectweb.asm.Handle handle) {
				return "handle:" + handle.getTag() + ":" + normalize(handle.getOwner()) + "." + handle.getName()
						+ normalize(handle.getDesc());
			}
			return value.getClass().getSimpleName() + ":" + value;
		}

		private void fieldAccess(int opcode, String fieldOwner, String name, String descriptor) {
			if (!fieldOwner.equals(this.ownerName)) {
				put("field:" + opcode + ":" + fieldOwner + "." + name + ":" + descriptor);
				return;
			}
			String id = name + ":" + descriptor;
			int index = this.fieldIds.indexOf(id);
			if (index < 0) {
				index = this.fieldIds.size();
				this.fieldIds.add(id);
				if (opcode == Opcodes.GETFIELD || opcode == Opcodes.GETSTATIC) {
					this.fieldsRead.add(declaredField(name));
				}
			}
			put("own-field:" + opcode + ":" + index + ":" + descriptor);
		}

		private Field declaredField(String name) {
			try {
				return this.owner.getDeclaredField(name);
			}
			catch (NoSuchFieldException ex) {
				throw new CheckpointException("Cannot fingerprint " + this.owner.getName() + ": its bytecode reads field '"
						+ name + "', which the loaded class does not declare", ex);
			}
		}

		/** Feeds each instruction as a token; labels become their order of appearance. */
		private final class InstructionVisitor extends MethodVisitor {

			private final Map<org.objectweb.asm.Label, Integer> labels = new java.util.HashMap<>();

			InstructionVisitor() {
				super(Opcodes.ASM9);
			}

			private int label(org.objectweb.asm.Label label) {
				return this.labels.computeIfAbsent(label, (key) -> this.labels.size());
			}

			@Override
			public void visitInsn(int opcode) {
				put("insn:" + opcode);
			}

			@Override
			public void visitIntInsn(int opcode, int operand) {
				put("int:" + opcode + ":" + operand);
			}

			@Override
			public void visitVarInsn(int opcode, int varIndex) {
				put("var:" + opcode + ":" + varIndex);
			}

			@Override
			public void visitTypeInsn(int opcode, String type) {
				put("type:" + opcode + ":" + normalize(type));
			}

			@Override
			public void visitFieldInsn(int opcode, String fieldOwner, String name, String descriptor) {
				fieldAccess(opcode, fieldOwner, name, descriptor);
			}

			@Override
			public void visitMethodInsn(int opcode, String methodOwner, String name, String descriptor, boolean isInterface) {
				put("call:" + opcode + ":" + normalize(methodOwner) + "." + name + normalize(descriptor));
			}

			@Override
			public void visitInvokeDynamicInsn(String name, String descriptor, org.objectweb.asm.Handle bootstrap,
					Object... arguments) {
				put("indy:" + name + normalize(descriptor) + ":" + bootstrap.getOwner() + "." + bootstrap.getName());
				for (Object argument : arguments) {
					if (bootstrap.getOwner().equals(LAMBDA_METAFACTORY) && argument instanceof org.objectweb.asm.Handle handle
							&& handle.getOwner().equals(MethodNormalizer.this.ownerName) && handle.getName().startsWith("lambda$")) {
						// A lambda's body, not its generated name, is what the method runs.
						put("lambda:" + handle.getTag());
						feed(handle.getName(), handle.getDesc());
					}
					else {
						put(constant(argument));
					}
				}
			}

			@Override
			public void visitJumpInsn(int opcode, org.objectweb.asm.Label label) {
				put("jump:" + opcode + ":" + label(label));
			}

			@Override
			public void visitLabel(org.objectweb.asm.Label label) {
				put("label:" + label(label));
			}

			@Override
			public void visitLdcInsn(Object value) {
				put("ldc:" + constant(value));
			}

			@Override
			public void visitIincInsn(int varIndex, int increment) {
				put("iinc:" + varIndex + ":" + increment);
			}

			@Override
			public void visitTableSwitchInsn(int min, int max, org.objectweb.asm.Label dflt, org.objectweb.asm.Label... targets) {
				StringBuilder token = new StringBuilder("table:" + min + ":" + max + ":" + label(dflt));
				for (org.objectweb.asm.Label target : targets) {
					token.append(':').append(label(target));
				}
				put(token.toString());
			}

			@Override
			public void visitLookupSwitchInsn(org.objectweb.asm.Label dflt, int[] keys, org.objectweb.asm.Label[] targets) {
				StringBuilder token = new StringBuilder("lookup:" + label(dflt));
				for (int i = 0; i < keys.length; i++) {
					token.append(':').append(keys[i]).append('=').append(label(targets[i]));
				}
				put(token.toString());
			}

			@Override
			public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
				put("multi:" + normalize(descriptor) + ":" + numDimensions);
			}

			@Override
			public void visitTryCatchBlock(org.objectweb.asm.Label start, org.objectweb.asm.Label end,
					org.objectweb.asm.Label handler, String type) {
				put("try:" + label(start) + ":" + label(end) + ":" + label(handler) + ":" + type);
			}

		}

	}

}
