package io.checkpointing.key;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Which application methods a call instruction may run. A static, special (private, super,
 * constructor) call runs the body its class or nearest superclass declares; a virtual or
 * interface call may run the body of any application implementation (class-hierarchy analysis
 * over {@link ApplicationClassIndex}), since the receiver's class is not known from the code.
 */
final class CallTargets {

	/** Registers the methods found as targets as nodes of the walk. */
	interface Nodes {

		/** @return the id of the node of a method with a body, discovered now if it is new */
		String node(Class<?> owner, String name, String descriptor);

	}

	private final CodeScope scope;

	private final String rootPackage;

	private final ClassFiles files;

	private final Map<List<Object>, ApplicationClassIndex> indexes;

	private final Nodes nodes;

	/**
	 * @param indexes the application class indexes, shared by the walks of a fingerprinter
	 */
	CallTargets(CodeScope scope, String rootPackage, ClassFiles files, Map<List<Object>, ApplicationClassIndex> indexes,
			Nodes nodes) {
		this.scope = scope;
		this.rootPackage = rootPackage;
		this.files = files;
		this.indexes = indexes;
		this.nodes = nodes;
	}

	/** @return whether a class, as named in bytecode, is application code, whose calls are followed */
	boolean isApplication(String internalName) {
		return this.scope.isApplicationClass(internalName, this.rootPackage);
	}

	/** @return the packages of application code for this walk */
	List<String> packages() {
		return this.scope.packagesFor(this.rootPackage);
	}

	/**
	 * @return the nodes of the methods a call may run; empty when none has a body to read
	 */
	List<String> of(int opcode, String ownerName, String name, String descriptor) {
		if (opcode != Opcodes.INVOKEVIRTUAL && opcode != Opcodes.INVOKEINTERFACE) {
			Class<?> declaring = declaringClass(ownerName, name, descriptor);
			return (declaring != null) ? List.of(this.nodes.node(declaring, name, descriptor)) : List.of();
		}
		Class<?> owner = this.files.load(ownerName);
		if (owner == null) {
			return List.of();
		}
		List<String> packages = packages();
		ApplicationClassIndex index = this.indexes.computeIfAbsent(List.of(this.files.loader(), packages),
				(key) -> ApplicationClassIndex.scan(this.files.loader(), packages));
		Set<String> targets = new LinkedHashSet<>();
		for (Class<?> type : index.subtypesOf(owner)) {
			if (!type.isInterface()) {
				Class<?> declaring = declaringClass(Type.getInternalName(type), name, descriptor);
				if (declaring != null) {
					targets.add(this.nodes.node(declaring, name, descriptor));
				}
			}
		}
		if (targets.isEmpty()) {
			Class<?> declaring = declaringClass(ownerName, name, descriptor);
			return (declaring != null) ? List.of(this.nodes.node(declaring, name, descriptor)) : List.of();
		}
		return List.copyOf(targets);
	}

	/** Finds the class whose body a call of a method runs, or {@code null} if there is none to read. */
	private @Nullable Class<?> declaringClass(String ownerName, String name, String descriptor) {
		for (Class<?> current = this.files.load(ownerName); current != null; current = current.getSuperclass()) {
			for (Method candidate : current.getDeclaredMethods()) {
				if (candidate.getName().equals(name) && Type.getMethodDescriptor(candidate).equals(descriptor)) {
					int modifiers = candidate.getModifiers();
					return (Modifier.isAbstract(modifiers) || Modifier.isNative(modifiers)) ? null : current;
				}
			}
		}
		return null;
	}

}
