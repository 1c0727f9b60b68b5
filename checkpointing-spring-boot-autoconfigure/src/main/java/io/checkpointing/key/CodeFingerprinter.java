package io.checkpointing.key;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.checkpointing.CheckpointException;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The code part of a key: a digest of the method's bytecode, normalized so that only what can
 * change the result counts. Class files are read through the declaring class's own
 * {@code ClassLoader}, so it works under Spring Boot's nested-jar loader and DevTools' restart
 * loader alike.
 *
 * <p>Left out: line numbers, local variable and parameter names, stack map frames, the source
 * file, annotations, the method's own name and its class's name (renaming keeps stored results).
 * Kept: every instruction with its constants, types, and the fields and methods it references.
 * Lambdas are folded in by their bodies, not their generated names. Fields of the method's own
 * class are identified by their type and the order the method reads them, not their names: their
 * values join the key through {@link StateReader}.
 *
 * <p>In the {@link CodeScope#transitive() transitive} scope, a call into application code is
 * replaced by the callee's own fingerprint, recursively (a Merkle hash over the call graph), so a
 * changed helper reruns its callers while a renamed one does not. Recursion is cut where a
 * method reaches itself again, by its depth on the call path, so cycles fingerprint the same
 * every time. Static fields of application classes read along the way join the state.
 *
 * <p>Each method is read once and memoized, and so is each callee whose fingerprint does not
 * depend on the path it was reached by; a hit never reads bytecode.
 */
public final class CodeFingerprinter {

	private final CodeScope scope;

	private final Map<Method, MethodCode> codes = new ConcurrentHashMap<>();

	private final Map<String, CalleeCode> callees = new ConcurrentHashMap<>();

	private final Map<List<Object>, ApplicationClassIndex> indexes = new ConcurrentHashMap<>();

	public CodeFingerprinter(CodeScope scope) {
		this.scope = scope;
	}

	/**
	 * @param method a checkpointed method (the implementation, not a proxy's or bridge)
	 * @return its fingerprint and the fields it reads
	 * @throws CheckpointException if a class file cannot be found or read
	 */
	public MethodCode codeOf(Method method) {
		return this.codes.computeIfAbsent(method, (key) -> new Walk(key.getDeclaringClass()).root(key));
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
	 * A callee's fingerprint and the fields its subtree reads.
	 * @param fingerprint the digest
	 * @param fieldsRead application fields read on the way
	 * @param reached the fingerprints of the methods of its subtree, itself included
	 * @param openCycleDepth the shallowest call-path depth a cycle inside it returned to, or
	 * {@code Integer.MAX_VALUE} if none: only then is it the same from every path, and memoized
	 */
	private record CalleeCode(byte[] fingerprint, Set<Field> fieldsRead, Map<String, byte[]> reached, int openCycleDepth) {

	}

	/** One fingerprinting of a checkpointed method and everything it reaches. */
	private final class Walk {

		private static final String LAMBDA_METAFACTORY = "java/lang/invoke/LambdaMetafactory";

		private final Class<?> root;

		private final String rootPackage;

		private final ClassLoader loader;

		private final Map<Class<?>, ClassReader> readers = new HashMap<>();

		private final List<String> path = new ArrayList<>();

		Walk(Class<?> root) {
			this.root = root;
			this.rootPackage = root.getPackageName();
			this.loader = (root.getClassLoader() != null) ? root.getClassLoader() : ClassLoader.getSystemClassLoader();
		}

		MethodCode root(Method method) {
			MessageDigest digest = Digests.sha256();
			Normalizer normalizer = new Normalizer(this.root, digest, true);
			String descriptor = Type.getMethodDescriptor(method);
			this.path.add(id(this.root, method.getName(), descriptor));
			if (!normalizer.feedMethod(method.getName(), descriptor)) {
				throw new CheckpointException("Cannot fingerprint " + this.root.getName() + "#" + method.getName()
						+ ": its class file has no method " + method.getName() + descriptor);
			}
			List<Field> fields = new ArrayList<>(normalizer.ownFieldsRead);
			for (Field field : normalizer.otherFieldsRead) {
				if (!fields.contains(field)) {
					fields.add(field);
				}
			}
			byte[] fingerprint = digest.digest();
			Map<String, byte[]> reached = new LinkedHashMap<>();
			reached.put(displayName(this.root, method.getName()), fingerprint);
			normalizer.reached.forEach(reached::putIfAbsent);
			return new MethodCode(fingerprint, List.copyOf(fields), java.util.Collections.unmodifiableMap(reached));
		}

		private ClassReader reader(Class<?> type) {
			return this.readers.computeIfAbsent(type, (key) -> new ClassReader(classBytes(key)));
		}

		private String id(Class<?> owner, String name, String descriptor) {
			return owner.getName() + "." + name + descriptor;
		}

		boolean isApplication(String internalName) {
			return CodeFingerprinter.this.scope.isApplicationClass(internalName, this.rootPackage);
		}

		/**
		 * @return the fingerprints of every application body a virtual or interface call may
		 * run, in a fixed order; empty if there is none to read
		 */
		List<CalleeCode> implementations(String ownerName, String name, String descriptor) {
			Class<?> owner;
			try {
				owner = Class.forName(ownerName.replace('/', '.'), false, this.loader);
			}
			catch (ClassNotFoundException | LinkageError ex) {
				return List.of();
			}
			List<String> packages = CodeFingerprinter.this.scope.packagesFor(this.rootPackage);
			ApplicationClassIndex index = CodeFingerprinter.this.indexes.computeIfAbsent(List.of(this.loader, packages),
					(key) -> ApplicationClassIndex.scan(this.loader, packages));
			List<CalleeCode> codes = new ArrayList<>();
			Set<Class<?>> declaring = new LinkedHashSet<>();
			for (Class<?> type : index.subtypesOf(owner)) {
				Class<?> declaringClass = declaringClass(Type.getInternalName(type), name, descriptor);
				if (declaringClass != null && !type.isInterface() && declaring.add(declaringClass)) {
					CalleeCode code = callee(Type.getInternalName(declaringClass), name, descriptor);
					if (code != null) {
						codes.add(code);
					}
				}
			}
			if (codes.isEmpty()) {
				CalleeCode direct = callee(ownerName, name, descriptor);
				return (direct != null) ? List.of(direct) : List.of();
			}
			codes.sort((left, right) -> java.util.Arrays.compareUnsigned(left.fingerprint(), right.fingerprint()));
			return codes;
		}

		/** @return the callee's code, or {@code null} if it has none to read (abstract, native, not found) */
		@Nullable CalleeCode callee(String ownerName, String name, String descriptor) {
			Class<?> owner = declaringClass(ownerName, name, descriptor);
			if (owner == null) {
				return null;
			}
			String id = id(owner, name, descriptor);
			int onPath = this.path.indexOf(id);
			if (onPath >= 0) {
				return new CalleeCode(("cycle:" + (this.path.size() - onPath)).getBytes(StandardCharsets.UTF_8), Set.of(),
						Map.of(), onPath);
			}
			CalleeCode memoized = CodeFingerprinter.this.callees.get(id);
			if (memoized != null) {
				return memoized;
			}
			this.path.add(id);
			try {
				MessageDigest digest = Digests.sha256();
				Normalizer normalizer = new Normalizer(owner, digest, false);
				if (!normalizer.feedMethod(name, descriptor)) {
					return null;
				}
				Set<Field> fields = new LinkedHashSet<>(normalizer.ownFieldsRead);
				fields.addAll(normalizer.otherFieldsRead);
				int depth = this.path.size() - 1;
				int openCycle = normalizer.openCycleDepth;
				byte[] fingerprint = digest.digest();
				Map<String, byte[]> reached = new LinkedHashMap<>();
				reached.put(displayName(owner, name), fingerprint);
				normalizer.reached.forEach(reached::putIfAbsent);
				CalleeCode code = new CalleeCode(fingerprint, Set.copyOf(fields), reached,
						(openCycle >= depth) ? Integer.MAX_VALUE : openCycle);
				if (code.openCycleDepth() == Integer.MAX_VALUE) {
					CodeFingerprinter.this.callees.put(id, code);
				}
				return code;
			}
			finally {
				this.path.remove(this.path.size() - 1);
			}
		}

		/** Finds the class that declares (or inherits the body of) a called method, or {@code null}. */
		private @Nullable Class<?> declaringClass(String ownerName, String name, String descriptor) {
			Class<?> type;
			try {
				type = Class.forName(ownerName.replace('/', '.'), false, this.loader);
			}
			catch (ClassNotFoundException | LinkageError ex) {
				return null;
			}
			for (Class<?> current = type; current != null; current = current.getSuperclass()) {
				for (Method candidate : current.getDeclaredMethods()) {
					if (candidate.getName().equals(name) && Type.getMethodDescriptor(candidate).equals(descriptor)) {
						return java.lang.reflect.Modifier.isAbstract(candidate.getModifiers()) ? null : current;
					}
				}
			}
			return null;
		}

		/** Feeds one method of one class, and the lambdas it creates, into a digest. */
		private final class Normalizer {

			private final Class<?> owner;

			private final String ownerName;

			private final MessageDigest digest;

			private final boolean isRoot;

			private final List<String> ownFieldIds = new ArrayList<>();

			final List<Field> ownFieldsRead = new ArrayList<>();

			final Set<Field> otherFieldsRead = new LinkedHashSet<>();

			final List<String> lambdas = new ArrayList<>();

			final Map<String, byte[]> reached = new LinkedHashMap<>();

			int openCycleDepth = Integer.MAX_VALUE;

			Normalizer(Class<?> owner, MessageDigest digest, boolean isRoot) {
				this.owner = owner;
				this.ownerName = Type.getInternalName(owner);
				this.digest = digest;
				this.isRoot = isRoot;
			}

			boolean feedMethod(String name, String descriptor) {
				String id = name + descriptor;
				if (this.lambdas.contains(id)) {
					put("recursion:" + this.lambdas.indexOf(id));
					return true;
				}
				this.lambdas.add(id);
				boolean[] found = { false };
				put("method:" + normalize(descriptor));
				reader(this.owner).accept(new ClassVisitor(Opcodes.ASM9) {
					@Override
					public MethodVisitor visitMethod(int access, String methodName, String methodDescriptor,
							String signature, String[] exceptions) {
						if (!methodName.equals(name) || !methodDescriptor.equals(descriptor)
								|| (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
							return null;
						}
						found[0] = true;
						put("access:" + (access & (Opcodes.ACC_STATIC | Opcodes.ACC_SYNCHRONIZED)));
						return new InstructionVisitor();
					}
				}, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
				return found[0];
			}

			void put(String token) {
				this.digest.update(token.getBytes(StandardCharsets.UTF_8));
				this.digest.update((byte) 0);
			}

			/** The class's own name is replaced, so renaming the class keeps its fingerprints. */
			String normalize(String text) {
				return text.replace(this.ownerName, "<this>");
			}

			String constant(Object value) {
				if (value instanceof Type type) {
					return "type:" + normalize(type.getDescriptor());
				}
				if (value instanceof Handle handle) {
					return "handle:" + handle.getTag() + ":" + normalize(handle.getOwner()) + "." + handle.getName()
							+ normalize(handle.getDesc());
				}
				return value.getClass().getSimpleName() + ":" + value;
			}

			void fieldAccess(int opcode, String fieldOwner, String name, String descriptor) {
				boolean reads = opcode == Opcodes.GETFIELD || opcode == Opcodes.GETSTATIC;
				if (this.isRoot && fieldOwner.equals(this.ownerName)) {
					String id = name + ":" + descriptor;
					int index = this.ownFieldIds.indexOf(id);
					if (index < 0) {
						index = this.ownFieldIds.size();
						this.ownFieldIds.add(id);
						if (reads) {
							this.ownFieldsRead.add(declaredField(this.owner, name));
						}
					}
					put("own-field:" + opcode + ":" + index + ":" + descriptor);
					return;
				}
				put("field:" + opcode + ":" + normalize(fieldOwner) + "." + name + ":" + descriptor);
				boolean readsState = (opcode == Opcodes.GETSTATIC && isApplication(fieldOwner))
						|| (opcode == Opcodes.GETFIELD && fieldOwner.equals(Type.getInternalName(Walk.this.root)));
				if (readsState) {
					Field field = fieldOf(fieldOwner, name);
					if (field != null) {
						this.otherFieldsRead.add(field);
					}
				}
			}

			private @Nullable Field fieldOf(String ownerInternalName, String name) {
				try {
					Class<?> type = Class.forName(ownerInternalName.replace('/', '.'), false, Walk.this.loader);
					for (Class<?> current = type; current != null; current = current.getSuperclass()) {
						for (Field field : current.getDeclaredFields()) {
							if (field.getName().equals(name)) {
								return field;
							}
						}
					}
					return null;
				}
				catch (ClassNotFoundException | LinkageError ex) {
					return null;
				}
			}

			void call(int opcode, String token, String calleeOwner, String name, String descriptor) {
				if (isApplication(calleeOwner)) {
					boolean dispatched = opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKEINTERFACE;
					List<CalleeCode> bodies;
					if (dispatched) {
						bodies = implementations(calleeOwner, name, descriptor);
					}
					else {
						CalleeCode callee = callee(calleeOwner, name, descriptor);
						bodies = (callee != null) ? List.of(callee) : List.of();
					}
					if (!bodies.isEmpty()) {
						// The callees' bodies, not their names or classes, are what the call runs.
						put(token + ":app:" + bodies.size() + normalize(descriptor));
						for (CalleeCode callee : bodies) {
							this.digest.update(callee.fingerprint());
							this.otherFieldsRead.addAll(callee.fieldsRead());
							callee.reached().forEach(this.reached::putIfAbsent);
							this.openCycleDepth = Math.min(this.openCycleDepth, callee.openCycleDepth());
						}
						return;
					}
				}
				put(token + ":" + normalize(calleeOwner) + "." + name + normalize(descriptor));
			}

			/** Feeds each instruction as a token; labels become their order of appearance. */
			private final class InstructionVisitor extends MethodVisitor {

				private final Map<Label, Integer> labels = new HashMap<>();

				InstructionVisitor() {
					super(Opcodes.ASM9);
				}

				private int label(Label label) {
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
				public void visitMethodInsn(int opcode, String methodOwner, String name, String descriptor,
						boolean isInterface) {
					call(opcode, "call:" + opcode, methodOwner, name, descriptor);
				}

				@Override
				public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
					put("indy:" + name + normalize(descriptor) + ":" + bootstrap.getOwner() + "." + bootstrap.getName());
					for (Object argument : arguments) {
						if (bootstrap.getOwner().equals(LAMBDA_METAFACTORY) && argument instanceof Handle handle) {
							if (handle.getOwner().equals(Normalizer.this.ownerName) && handle.getName().startsWith("lambda$")) {
								// A lambda's body, not its generated name, is what the method runs.
								put("lambda:" + handle.getTag());
								feedMethod(handle.getName(), handle.getDesc());
							}
							else {
								int opcode = (handle.getTag() == Opcodes.H_INVOKEVIRTUAL) ? Opcodes.INVOKEVIRTUAL
										: (handle.getTag() == Opcodes.H_INVOKEINTERFACE) ? Opcodes.INVOKEINTERFACE
												: Opcodes.INVOKESTATIC;
								call(opcode, "reference:" + handle.getTag(), handle.getOwner(), handle.getName(),
										handle.getDesc());
							}
						}
						else {
							put(constant(argument));
						}
					}
				}

				@Override
				public void visitJumpInsn(int opcode, Label label) {
					put("jump:" + opcode + ":" + label(label));
				}

				@Override
				public void visitLabel(Label label) {
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
				public void visitTableSwitchInsn(int min, int max, Label dflt, Label... targets) {
					StringBuilder token = new StringBuilder("table:" + min + ":" + max + ":" + label(dflt));
					for (Label target : targets) {
						token.append(':').append(label(target));
					}
					put(token.toString());
				}

				@Override
				public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] targets) {
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
				public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
					put("try:" + label(start) + ":" + label(end) + ":" + label(handler) + ":" + type);
				}

			}

		}

	}

	private static String displayName(Class<?> owner, String method) {
		return owner.getSimpleName() + "#" + method;
	}

	private static Field declaredField(Class<?> owner, String name) {
		try {
			return owner.getDeclaredField(name);
		}
		catch (NoSuchFieldException ex) {
			throw new CheckpointException("Cannot fingerprint " + owner.getName() + ": its bytecode reads field '" + name
					+ "', which the loaded class does not declare", ex);
		}
	}

}
