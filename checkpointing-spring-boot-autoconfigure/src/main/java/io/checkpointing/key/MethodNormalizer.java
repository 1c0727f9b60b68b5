package io.checkpointing.key;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.checkpointing.CheckpointException;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Feeds one method of one class, and the lambdas it creates, into a digest, normalized so that
 * only what can change the result counts, and records on its {@link CodeNode} what it calls and
 * reads.
 *
 * <p>Left out: line numbers, local variable and parameter names, stack map frames, the source
 * file, annotations, the method's own name and its class's name (renaming keeps stored results).
 * Kept: every instruction with its constants, types, and the fields and methods it references.
 * Lambdas are folded in by their bodies, not their generated names. Fields of the checkpointed
 * method's own class are identified by their type and the order it reads them, not their names:
 * their values join the key through {@link StateReader}. A call into application code is a
 * numbered call site, whose callees {@link CodeGraphHasher} hashes in.
 */
final class MethodNormalizer {

	private static final String WOVEN_BODY_INFIX = "_aroundBody";

	private final CodeNode node;

	private final ClassFiles files;

	private final CallTargets targets;

	private final @Nullable LibraryVersions libraryVersions;

	private final String ownerName;

	private final PlainAccessors accessors;

	private final MessageDigest digest = Digests.sha256();

	private final List<String> ownFieldIds = new ArrayList<>();

	private final List<String> lambdas = new ArrayList<>();

	private final Set<Class<?>> initializersCalled = new HashSet<>();

	private final Set<Class<?>> instantiated = new HashSet<>();

	/**
	 * @param libraryVersions the versions to count with library calls, {@code null} to count none
	 */
	MethodNormalizer(CodeNode node, ClassFiles files, CallTargets targets, @Nullable LibraryVersions libraryVersions) {
		this.node = node;
		this.files = files;
		this.targets = targets;
		this.libraryVersions = libraryVersions;
		this.ownerName = Type.getInternalName(node.owner);
		this.accessors = new PlainAccessors(files, targets::isApplication);
	}

	PlainAccessors accessors() {
		return this.accessors;
	}

	/**
	 * Reads the node's method into its {@link CodeNode#body body}, call sites and reads.
	 * @return whether the class file has a body for the method
	 */
	boolean read() {
		boolean found = feedMethod(this.node.name, this.node.descriptor);
		this.node.body = this.digest.digest();
		return found;
	}

	/** Feeds a method of the node's class: the node's own, or a lambda body it creates. */
	boolean feedMethod(String name, String descriptor) {
		String id = name + descriptor;
		if (this.lambdas.contains(id)) {
			put("recursion:" + this.lambdas.indexOf(id));
			return true;
		}
		this.lambdas.add(id);
		ClassNode type = this.files.of(this.node.owner);
		MethodNode method = null;
		List<String> wovenCandidates = new ArrayList<>();
		String wovenPrefix = name + WOVEN_BODY_INFIX;
		for (MethodNode candidate : type.methods) {
			if (candidate.name.equals(name) && candidate.desc.equals(descriptor)
					&& (candidate.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0) {
				method = candidate;
			}
			else if (candidate.name.startsWith(wovenPrefix)) {
				wovenCandidates.add(candidate.name + candidate.desc);
			}
		}
		if (method == null) {
			return false;
		}
		boolean isNodeMethod = name.equals(this.node.name) && descriptor.equals(this.node.descriptor);
		ParameterOrder order = null;
		if (this.node.isRoot && isNodeMethod) {
			order = new ParameterOrder(descriptor, method, (method.access & Opcodes.ACC_STATIC) != 0);
			this.node.parameterOrder = order;
		}
		int[] parameterSlots = (order != null) ? order.slotMap((method.access & Opcodes.ACC_STATIC) != 0) : new int[0];
		put("method:" + normalize((order != null) ? order.canonicalDescriptor(descriptor) : descriptor));
		put("access:" + (method.access & (Opcodes.ACC_STATIC | Opcodes.ACC_SYNCHRONIZED)));
		Set<String> woven = wovenBodies(descriptor, (method.access & Opcodes.ACC_STATIC) != 0, wovenCandidates);
		Set<String> bodies = woven.isEmpty() ? Set.of(id) : woven;
		for (MethodNode body : type.methods) {
			if (bodies.contains(body.name + body.desc)) {
				new InstructionTokens(this, body, parameterSlots).feed();
			}
		}
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
		Set<String> bodies = new TreeSet<>();
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

	/** A lambda created in the node's class: its body, not its generated name, is what runs. */
	boolean isOwnLambda(Handle handle) {
		return handle.getOwner().equals(this.ownerName) && handle.getName().startsWith("lambda$");
	}

	/**
	 * @param behind for a read consumed at once by a plain accessor, the field behind it
	 */
	void fieldAccess(int opcode, String fieldOwner, String name, String descriptor, @Nullable Field behind) {
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
			if (reads) {
				Field field = ownField(name);
				this.node.allFieldsRead.add(field);
				howRead(field, behind);
				staticInitializerOf(opcode, field);
			}
			return;
		}
		put("field:" + opcode + ":" + normalize(fieldOwner) + "." + name + ":" + descriptor);
		if (reads) {
			Field field = this.files.field(fieldOwner, name);
			if (field != null) {
				this.node.allFieldsRead.add(field);
				// Instance fields of application classes are recorded whichever object they are read
				// on; the state reader reads those the target has. So a node is the same from every root.
				if (this.targets.isApplication(fieldOwner)) {
					this.node.fieldsRead.add(field);
					howRead(field, behind);
					staticInitializerOf(opcode, field);
				}
			}
		}
	}

	/** Whether a read reaches only the field behind a plain accessor, or the whole value. */
	private void howRead(Field field, @Nullable Field behind) {
		if (behind == null) {
			this.node.wholeReads.add(field);
		}
		else {
			this.node.accessorReads.computeIfAbsent(field, (key) -> new LinkedHashSet<>()).add(behind);
		}
	}

	/**
	 * A static field read runs its class's static initializer first; what it computes may not
	 * show in the field's value (an object with no canonical form, such as a function), so its
	 * code counts, as a call. A number or a string is all in its value, which is state: renaming
	 * another static field initialized beside it then changes nothing.
	 */
	private void staticInitializerOf(int opcode, Field field) {
		Class<?> declaring = field.getDeclaringClass();
		boolean initializing = declaring == this.node.owner && this.node.name.equals("<clinit>");
		if (opcode != Opcodes.GETSTATIC || initializing || isWholeValue(field.getType())
				|| !this.initializersCalled.add(declaring)
				|| this.files.method(declaring, "<clinit>", "()V") == null) {
			return;
		}
		put("static-init:" + this.node.callSites.size());
		this.node.callSites.add(List.of(this.targets.node(declaring, "<clinit>", "()V")));
	}

	private static boolean isWholeValue(Class<?> type) {
		return type.isPrimitive() || type == String.class
				|| (Number.class.isAssignableFrom(type) && type.getName().startsWith("java.lang."))
				|| type == Boolean.class || type == Character.class;
	}

	/**
	 * An instance of an application class created in reached code may be handed to code the walk
	 * cannot see, which calls its methods: those count, as a call (see {@link CallTargets#calledFromOutside}).
	 */
	void instantiates(String typeName) {
		Class<?> type = this.targets.isApplication(typeName) ? this.files.load(typeName) : null;
		if (type == null || !this.instantiated.add(type)) {
			return;
		}
		List<String> methods = this.targets.calledFromOutside(type);
		if (!methods.isEmpty()) {
			put("instance-methods:" + this.node.callSites.size());
			this.node.callSites.add(methods);
		}
	}

	/** A field read through the method's own class, declared there or inherited. */
	private Field ownField(String name) {
		Field field = this.files.field(this.ownerName, name);
		if (field == null) {
			throw new CheckpointException("Cannot fingerprint " + this.node.owner.getName()
					+ ": its bytecode reads field '" + name + "', which the loaded class does not have");
		}
		return field;
	}

	/**
	 * @param line the source line of the call, {@code -1} if unknown
	 * @param constantArguments the {@code String} constant each argument is, where it is one
	 */
	void call(int opcode, String token, String calleeOwner, String name, String descriptor, int line,
			List<@Nullable String> constantArguments) {
		if (this.targets.isApplication(calleeOwner)) {
			List<String> callees = this.targets.of(opcode, calleeOwner, name, descriptor);
			if (!callees.isEmpty()) {
				// The callees' bodies, not their names or classes, are what the call runs.
				put(token + ":app:" + this.node.callSites.size() + normalize(descriptor));
				this.node.callSites.add(callees);
				return;
			}
		}
		put(token + ":" + normalize(calleeOwner) + "." + name + normalize(descriptor));
		this.node.outsideCalls.add(new OutsideCall(calleeOwner, name, descriptor, this.ownerName, line, constantArguments));
		if (this.libraryVersions != null && !this.targets.isApplication(calleeOwner)) {
			Class<?> library = this.files.load(calleeOwner);
			String version = (library != null) ? this.libraryVersions.of(library) : "";
			if (!version.isEmpty()) {
				put("version:" + version);
			}
		}
	}

}
