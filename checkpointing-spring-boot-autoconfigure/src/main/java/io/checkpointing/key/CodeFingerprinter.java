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
 * changed helper reruns its callers while a renamed one does not. A call through an interface or
 * an overridable method counts every application implementation. Methods that call each other
 * (recursion) share the hash of their strongly connected component, so cycles fingerprint the
 * same wherever they are entered. Static fields of application classes read along the way join
 * the state.
 *
 * <p>Each method is read once per fingerprinter and its fingerprint reused by every checkpointed
 * method that reaches it; a hit never reads bytecode.
 */
public final class CodeFingerprinter {

	private final CodeScope scope;

	private final Map<Method, MethodCode> codes = new ConcurrentHashMap<>();

	private final Map<String, NodeCode> nodes = new ConcurrentHashMap<>();

	private final LibraryVersions libraryVersions = new LibraryVersions();

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
	 * A method's final fingerprint, the same whichever checkpointed method reaches it.
	 * @param fingerprint the digest of its body and of everything it reaches
	 * @param fieldsRead application fields read by it and everything it reaches
	 * @param reached the fingerprints of the methods it reaches, itself included
	 */
	// Holds its arrays as parts to read, never compared or used as a key: array equality does not matter.
	@SuppressWarnings("ArrayRecordComponent")
	private record NodeCode(byte[] fingerprint, Set<Field> fieldsRead, Map<String, byte[]> reached) {

	}

	/**
	 * One fingerprinting of a checkpointed method: it discovers the call graph of application
	 * methods it reaches (without recursion, so deep call chains cannot overflow the stack),
	 * splits it into strongly connected components, and hashes them callees first. Methods of one
	 * cycle share their component's hash, so the result does not depend on where a cycle is
	 * entered.
	 */
	private final class Walk {

		private static final String LAMBDA_METAFACTORY = "java/lang/invoke/LambdaMetafactory";

		private static final String WOVEN_BODY_INFIX = "_aroundBody";

		private static final byte[] SAME_COMPONENT = "same-component".getBytes(StandardCharsets.UTF_8);

		private final Class<?> root;

		private final String rootPackage;

		private final ClassLoader loader;

		private final Map<Class<?>, ClassReader> readers = new HashMap<>();

		private final Map<String, Node> graph = new LinkedHashMap<>();

		private final java.util.ArrayDeque<Node> toRead = new java.util.ArrayDeque<>();

		Walk(Class<?> root) {
			this.root = root;
			this.rootPackage = root.getPackageName();
			this.loader = (root.getClassLoader() != null) ? root.getClassLoader() : ClassLoader.getSystemClassLoader();
		}

		MethodCode root(Method method) {
			String descriptor = Type.getMethodDescriptor(method);
			Node rootNode = new Node("root:" + id(this.root, method.getName(), descriptor), this.root, method.getName(),
					descriptor, true);
			this.graph.put(rootNode.id, rootNode);
			if (!rootNode.read()) {
				throw new CheckpointException("Cannot fingerprint " + this.root.getName() + "#" + method.getName()
						+ ": its class file has no method " + method.getName() + descriptor);
			}
			while (!this.toRead.isEmpty()) {
				this.toRead.poll().read();
			}
			Map<String, NodeCode> codes = new HashMap<>();
			for (List<Node> component : components(rootNode)) {
				hash(component, codes);
			}
			// Every node of every component is hashed into codes, the root's included.
			NodeCode code = java.util.Objects.requireNonNull(codes.get(rootNode.id));
			List<Field> fields = new ArrayList<>(rootNode.ownFieldsRead);
			for (Field field : code.fieldsRead()) {
				if (!fields.contains(field)) {
					fields.add(field);
				}
			}
			return new MethodCode(code.fingerprint(), List.copyOf(fields), java.util.Collections.unmodifiableMap(code.reached()));
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

		/** @return the node of a method with a body, discovered now if it is new to this walk */
		private String target(Class<?> owner, String name, String descriptor) {
			String id = id(owner, name, descriptor);
			if (!this.graph.containsKey(id) && !CodeFingerprinter.this.nodes.containsKey(memoKey(id))) {
				Node node = new Node(id, owner, name, descriptor, false);
				this.graph.put(id, node);
				this.toRead.add(node);
			}
			return id;
		}

		/** @return the methods a call may run: for a virtual or interface call, every application implementation */
		List<String> targets(int opcode, String ownerName, String name, String descriptor) {
			if (opcode != Opcodes.INVOKEVIRTUAL && opcode != Opcodes.INVOKEINTERFACE) {
				Class<?> declaring = declaringClass(ownerName, name, descriptor);
				return (declaring != null) ? List.of(target(declaring, name, descriptor)) : List.of();
			}
			Class<?> owner = load(ownerName);
			if (owner == null) {
				return List.of();
			}
			List<String> packages = CodeFingerprinter.this.scope.packagesFor(this.rootPackage);
			ApplicationClassIndex index = CodeFingerprinter.this.indexes.computeIfAbsent(List.of(this.loader, packages),
					(key) -> ApplicationClassIndex.scan(this.loader, packages));
			Set<String> targets = new LinkedHashSet<>();
			for (Class<?> type : index.subtypesOf(owner)) {
				if (!type.isInterface()) {
					Class<?> declaring = declaringClass(Type.getInternalName(type), name, descriptor);
					if (declaring != null) {
						targets.add(target(declaring, name, descriptor));
					}
				}
			}
			if (targets.isEmpty()) {
				Class<?> declaring = declaringClass(ownerName, name, descriptor);
				return (declaring != null) ? List.of(target(declaring, name, descriptor)) : List.of();
			}
			return List.copyOf(targets);
		}

		private @Nullable Class<?> load(String internalName) {
			try {
				return Class.forName(internalName.replace('/', '.'), false, this.loader);
			}
			catch (ClassNotFoundException | LinkageError ex) {
				return null;
			}
		}

		/** Finds the class whose body a call of a method runs, or {@code null} if there is none to read. */
		private @Nullable Class<?> declaringClass(String ownerName, String name, String descriptor) {
			for (Class<?> current = load(ownerName); current != null; current = current.getSuperclass()) {
				for (Method candidate : current.getDeclaredMethods()) {
					if (candidate.getName().equals(name) && Type.getMethodDescriptor(candidate).equals(descriptor)) {
						int modifiers = candidate.getModifiers();
						return (java.lang.reflect.Modifier.isAbstract(modifiers)
								|| java.lang.reflect.Modifier.isNative(modifiers)) ? null : current;
					}
				}
			}
			return null;
		}

		/** @return the strongly connected components reachable from {@code start}, callees before callers (Tarjan) */
		private List<List<Node>> components(Node start) {
			List<List<Node>> components = new ArrayList<>();
			Map<Node, int[]> marks = new HashMap<>(); // index, lowlink
			java.util.Deque<Node> stack = new java.util.ArrayDeque<>();
			Set<Node> onStack = new java.util.HashSet<>();
			java.util.Deque<Object[]> work = new java.util.ArrayDeque<>(); // node, iterator over successors
			int[] counter = { 0 };
			marks.put(start, new int[] { counter[0], counter[0]++ });
			stack.push(start);
			onStack.add(start);
			work.push(new Object[] { start, successors(start).iterator() });
			while (!work.isEmpty()) {
				Object[] frame = work.peek();
				Node node = (Node) frame[0];
				// Marked when it was pushed onto the work stack.
				int[] nodeMarks = java.util.Objects.requireNonNull(marks.get(node));
				@SuppressWarnings("unchecked")
				java.util.Iterator<Node> next = (java.util.Iterator<Node>) frame[1];
				if (next.hasNext()) {
					Node successor = next.next();
					int[] successorMarks = marks.get(successor);
					if (successorMarks == null) {
						marks.put(successor, new int[] { counter[0], counter[0]++ });
						stack.push(successor);
						onStack.add(successor);
						work.push(new Object[] { successor, successors(successor).iterator() });
					}
					else if (onStack.contains(successor)) {
						nodeMarks[1] = Math.min(nodeMarks[1], successorMarks[0]);
					}
					continue;
				}
				work.pop();
				if (!work.isEmpty()) {
					int[] callerMarks = java.util.Objects.requireNonNull(marks.get((Node) work.peek()[0]));
					callerMarks[1] = Math.min(callerMarks[1], nodeMarks[1]);
				}
				if (nodeMarks[1] == nodeMarks[0]) {
					List<Node> component = new ArrayList<>();
					Node member;
					do {
						member = stack.pop();
						onStack.remove(member);
						component.add(member);
					}
					while (member != node);
					components.add(component);
				}
			}
			return components;
		}

		private List<Node> successors(Node node) {
			List<Node> successors = new ArrayList<>();
			for (List<String> site : node.callSites) {
				for (String target : site) {
					Node successor = this.graph.get(target);
					if (successor != null) {
						successors.add(successor);
					}
				}
			}
			return successors;
		}

		/** Hashes one component, whose callees outside it are already hashed. */
		private void hash(List<Node> component, Map<String, NodeCode> codes) {
			Set<String> members = new java.util.HashSet<>();
			component.forEach((node) -> members.add(node.id));
			boolean cyclic = component.size() > 1;
			Set<Field> fields = new LinkedHashSet<>();
			Map<String, byte[]> reached = new LinkedHashMap<>();
			Map<Node, byte[]> memberHashes = new LinkedHashMap<>();
			for (Node node : component) {
				MessageDigest digest = Digests.sha256();
				digest.update(node.body);
				fields.addAll(node.fieldsRead);
				for (List<String> site : node.callSites) {
					List<byte[]> fingerprints = new ArrayList<>();
					for (String target : site) {
						if (members.contains(target)) {
							cyclic = true;
							fingerprints.add(SAME_COMPONENT);
						}
						else {
							NodeCode callee = codeOf(target, codes);
							fingerprints.add(callee.fingerprint());
							fields.addAll(callee.fieldsRead());
							callee.reached().forEach(reached::putIfAbsent);
						}
					}
					fingerprints.sort(java.util.Arrays::compareUnsigned);
					digest.update((byte) fingerprints.size());
					fingerprints.forEach(digest::update);
				}
				memberHashes.put(node, digest.digest());
			}
			byte[] componentHash = null;
			if (cyclic) {
				List<byte[]> sorted = new ArrayList<>(memberHashes.values());
				sorted.sort(java.util.Arrays::compareUnsigned);
				MessageDigest digest = Digests.sha256();
				sorted.forEach(digest::update);
				componentHash = digest.digest();
			}
			Map<String, byte[]> own = new LinkedHashMap<>();
			Map<Node, byte[]> finals = new LinkedHashMap<>();
			for (Node node : component) {
				byte[] fingerprint = memberHashes.get(node);
				if (componentHash != null) {
					MessageDigest digest = Digests.sha256();
					digest.update(componentHash);
					digest.update(fingerprint);
					fingerprint = digest.digest();
				}
				finals.put(node, fingerprint);
				own.putIfAbsent(displayName(node.owner, node.name), fingerprint);
			}
			for (Map.Entry<Node, byte[]> last : finals.entrySet()) {
				Node node = last.getKey();
				Map<String, byte[]> nodeReached = new LinkedHashMap<>();
				nodeReached.put(displayName(node.owner, node.name), last.getValue());
				own.forEach(nodeReached::putIfAbsent);
				reached.forEach(nodeReached::putIfAbsent);
				NodeCode code = new NodeCode(last.getValue(), Set.copyOf(fields), nodeReached);
				codes.put(node.id, code);
				if (!node.isRoot) {
					CodeFingerprinter.this.nodes.put(memoKey(node.id), code);
				}
			}
		}

		/** A callee outside the component: hashed before it, in this derivation or an earlier one. */
		private NodeCode codeOf(String id, Map<String, NodeCode> codes) {
			NodeCode code = codes.get(id);
			return (code != null) ? code : java.util.Objects.requireNonNull(CodeFingerprinter.this.nodes.get(memoKey(id)));
		}

		/** What a node's code depends on besides its own body: which packages count as application code. */
		private String memoKey(String id) {
			return CodeFingerprinter.this.scope.packagesFor(this.rootPackage) + " " + id;
		}

		/** A method of the call graph: its normalized body, its call sites and the fields it reads. */
		private final class Node {

			final String id;

			final Class<?> owner;

			final String name;

			final String descriptor;

			final boolean isRoot;

			byte[] body = new byte[0];

			final List<List<String>> callSites = new ArrayList<>();

			final List<Field> ownFieldsRead = new ArrayList<>();

			final Set<Field> fieldsRead = new LinkedHashSet<>();

			Node(String id, Class<?> owner, String name, String descriptor, boolean isRoot) {
				this.id = id;
				this.owner = owner;
				this.name = name;
				this.descriptor = descriptor;
				this.isRoot = isRoot;
			}

			boolean read() {
				MessageDigest digest = Digests.sha256();
				boolean found = new Normalizer(this, digest).feedMethod(this.name, this.descriptor);
				this.body = digest.digest();
				return found;
			}

		}

		/** Feeds one method of one class, and the lambdas it creates, into a digest. */
		private final class Normalizer {

			private final Node node;

			private final String ownerName;

			private final MessageDigest digest;

			private final List<String> ownFieldIds = new ArrayList<>();

			private final List<String> lambdas = new ArrayList<>();

			Normalizer(Node node, MessageDigest digest) {
				this.node = node;
				this.ownerName = Type.getInternalName(node.owner);
				this.digest = digest;
			}

			boolean feedMethod(String name, String descriptor) {
				String id = name + descriptor;
				if (this.lambdas.contains(id)) {
					put("recursion:" + this.lambdas.indexOf(id));
					return true;
				}
				this.lambdas.add(id);
				int[] access = { -1 };
				List<String> wovenCandidates = new ArrayList<>();
				String wovenPrefix = name + WOVEN_BODY_INFIX;
				reader(this.node.owner).accept(new ClassVisitor(Opcodes.ASM9) {
					@Override
					public @Nullable MethodVisitor visitMethod(int methodAccess, String methodName,
							String methodDescriptor, @Nullable String signature, String @Nullable [] exceptions) {
						if (methodName.equals(name) && methodDescriptor.equals(descriptor)
								&& (methodAccess & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0) {
							access[0] = methodAccess;
						}
						else if (methodName.startsWith(wovenPrefix)) {
							wovenCandidates.add(methodName + methodDescriptor);
						}
						return null;
					}
				}, ClassReader.SKIP_CODE);
				if (access[0] < 0) {
					return false;
				}
				put("method:" + normalize(descriptor));
				put("access:" + (access[0] & (Opcodes.ACC_STATIC | Opcodes.ACC_SYNCHRONIZED)));
				Set<String> woven = wovenBodies(descriptor, (access[0] & Opcodes.ACC_STATIC) != 0, wovenCandidates);
				Set<String> bodies = woven.isEmpty() ? Set.of(id) : woven;
				reader(this.node.owner).accept(new ClassVisitor(Opcodes.ASM9) {
					@Override
					public @Nullable MethodVisitor visitMethod(int methodAccess, String methodName,
							String methodDescriptor, @Nullable String signature, String @Nullable [] exceptions) {
						return bodies.contains(methodName + methodDescriptor) ? new InstructionVisitor() : null;
					}
				}, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
				return true;
			}

			/**
			 * Compile-time weaving by {@code ajc} moves an advised method's body into a static
			 * {@code <name>_aroundBody<n>} method of the same class, whose parameters are the target
			 * (for an instance method), the method's own, then AspectJ's join point; the method
			 * itself becomes a stub that calls the aspect. The moved body, whose instructions and
			 * local slots are the original's, is what the method runs, so it is what counts (and
			 * woven and unwoven classes fingerprint alike). If overloads make the match ambiguous,
			 * every candidate counts.
			 * @return the bodies to read instead of the method's own, or empty if it was not woven
			 */
			private Set<String> wovenBodies(String descriptor, boolean isStatic, List<String> candidates) {
				if (candidates.isEmpty()) {
					return Set.of();
				}
				Type[] parameters = Type.getArgumentTypes(descriptor);
				Type returnType = Type.getReturnType(descriptor);
				List<Type> expected = new ArrayList<>();
				if (!isStatic) {
					expected.add(Type.getObjectType(this.ownerName));
				}
				expected.addAll(List.of(parameters));
				Set<String> bodies = new java.util.TreeSet<>();
				for (String candidate : candidates) {
					String candidateDescriptor = candidate.substring(candidate.indexOf('('));
					Type[] candidateParameters = Type.getArgumentTypes(candidateDescriptor);
					if (!Type.getReturnType(candidateDescriptor).equals(returnType)
							|| candidateParameters.length <= expected.size()) {
						continue;
					}
					boolean matches = List.of(candidateParameters).subList(0, expected.size()).equals(expected);
					for (int i = expected.size(); matches && i < candidateParameters.length; i++) {
						matches = candidateParameters[i].getDescriptor().startsWith("Lorg/aspectj/");
					}
					if (matches) {
						bodies.add(candidate);
					}
				}
				return bodies;
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
				if (this.node.isRoot && fieldOwner.equals(this.ownerName)) {
					String id = name + ":" + descriptor;
					int index = this.ownFieldIds.indexOf(id);
					if (index < 0) {
						index = this.ownFieldIds.size();
						this.ownFieldIds.add(id);
						if (reads) {
							this.node.ownFieldsRead.add(ownField(name));
						}
					}
					put("own-field:" + opcode + ":" + index + ":" + descriptor);
					return;
				}
				put("field:" + opcode + ":" + normalize(fieldOwner) + "." + name + ":" + descriptor);
				// Instance fields of application classes are recorded whichever object they are read on;
				// the state reader reads those the target has. So a node is the same from every root.
				boolean readsState = (opcode == Opcodes.GETSTATIC || opcode == Opcodes.GETFIELD) && isApplication(fieldOwner);
				if (readsState) {
					Field field = fieldOf(fieldOwner, name);
					if (field != null) {
						this.node.fieldsRead.add(field);
					}
				}
			}

			/** A field read through the method's own class, declared there or inherited. */
			private Field ownField(String name) {
				Field field = fieldOf(this.ownerName, name);
				if (field == null) {
					throw new CheckpointException("Cannot fingerprint " + this.node.owner.getName()
							+ ": its bytecode reads field '" + name + "', which the loaded class does not have");
				}
				return field;
			}

			private @Nullable Field fieldOf(String ownerInternalName, String name) {
				for (Class<?> current = load(ownerInternalName); current != null; current = current.getSuperclass()) {
					for (Field field : current.getDeclaredFields()) {
						if (field.getName().equals(name)) {
							return field;
						}
					}
				}
				return null;
			}

			void call(int opcode, String token, String calleeOwner, String name, String descriptor) {
				if (isApplication(calleeOwner)) {
					List<String> targets = targets(opcode, calleeOwner, name, descriptor);
					if (!targets.isEmpty()) {
						// The callees' bodies, not their names or classes, are what the call runs.
						put(token + ":app:" + this.node.callSites.size() + normalize(descriptor));
						this.node.callSites.add(targets);
						return;
					}
				}
				put(token + ":" + normalize(calleeOwner) + "." + name + normalize(descriptor));
				if (CodeFingerprinter.this.scope.libraryVersions() && !isApplication(calleeOwner)) {
					Class<?> library = load(calleeOwner);
					String version = (library != null) ? CodeFingerprinter.this.libraryVersions.of(library) : "";
					if (!version.isEmpty()) {
						put("version:" + version);
					}
				}
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


}
