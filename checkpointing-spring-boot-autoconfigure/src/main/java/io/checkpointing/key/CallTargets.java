package io.checkpointing.key;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
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

	private final CodeOrigins origins;

	private final String rootPackage;

	private final ClassFiles files;

	private final Map<List<Object>, ApplicationClassIndex> indexes;

	private final Nodes nodes;

	/**
	 * @param indexes the application class indexes, shared by the walks of a fingerprinter
	 */
	CallTargets(CodeScope scope, CodeOrigins origins, String rootPackage, ClassFiles files,
			Map<List<Object>, ApplicationClassIndex> indexes, Nodes nodes) {
		this.scope = scope;
		this.origins = origins;
		this.rootPackage = rootPackage;
		this.files = files;
		this.indexes = indexes;
		this.nodes = nodes;
	}

	/** @return the node of a method with a body, as {@link Nodes#node} */
	String node(Class<?> owner, String name, String descriptor) {
		return this.nodes.node(owner, name, descriptor);
	}

	/** @return whether a class, as named in bytecode, is application code, whose calls are followed */
	boolean isApplication(String internalName) {
		return this.origins.isFollowed(internalName, this.rootPackage, this.files.loader());
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
		Set<String> targets = new LinkedHashSet<>();
		for (Class<?> type : implementations(ownerName, owner)) {
			if (!type.isInterface() && isApplication(Type.getInternalName(type))) {
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

	/**
	 * @return the classes of the application packages that extend or implement {@code owner}; for
	 * a class followed outside them (a sibling module's), those of its root package too
	 */
	private List<Class<?>> implementations(String ownerName, Class<?> owner) {
		List<Class<?>> found = new ArrayList<>(index(packages()).subtypesOf(owner));
		if (!this.scope.isApplicationClass(ownerName, this.rootPackage)) {
			String packageName = owner.getPackageName();
			int second = packageName.indexOf('.', packageName.indexOf('.') + 1);
			String root = (second > 0) ? packageName.substring(0, second) : packageName;
			if (!root.isEmpty()) {
				index(List.of(root)).subtypesOf(owner).stream().filter((type) -> !found.contains(type)).forEach(found::add);
			}
		}
		return found;
	}

	private ApplicationClassIndex index(List<String> packages) {
		return this.indexes.computeIfAbsent(List.of(this.files.loader(), packages),
				(key) -> ApplicationClassIndex.scan(this.files.loader(), packages));
	}

	/**
	 * The methods of an application class that code the walk cannot see may call on an instance
	 * created in reached code (the JDK sorting with a {@code Comparator}, an executor running a
	 * {@code Runnable}, string concatenation calling {@code toString}): every method of an
	 * anonymous, local or inner class, and the methods of any other class that override or
	 * implement a method of a supertype outside the application.
	 * @return the nodes of those methods
	 */
	List<String> calledFromOutside(Class<?> type) {
		boolean everyMethod = type.isAnonymousClass() || type.isLocalClass()
				|| (type.isMemberClass() && !Modifier.isStatic(type.getModifiers()));
		List<Class<?>> outsideSupertypes = everyMethod ? List.of() : outsideSupertypes(type);
		List<String> methods = new ArrayList<>();
		for (Method method : type.getDeclaredMethods()) {
			if (!hasBody(method) || method.getName().startsWith("lambda$")) {
				continue;
			}
			String descriptor = Type.getMethodDescriptor(method);
			boolean overridable = !Modifier.isStatic(method.getModifiers()) && !Modifier.isPrivate(method.getModifiers());
			if (everyMethod || (overridable && outsideSupertypes.stream()
				.anyMatch((supertype) -> declared(supertype, method.getName(), descriptor) != null))) {
				methods.add(this.nodes.node(type, method.getName(), descriptor));
			}
		}
		return methods;
	}

	private List<Class<?>> outsideSupertypes(Class<?> type) {
		List<Class<?>> supertypes = new ArrayList<>();
		Deque<Class<?>> toVisit = new ArrayDeque<>();
		if (type.getSuperclass() != null) {
			toVisit.add(type.getSuperclass());
		}
		toVisit.addAll(List.of(type.getInterfaces()));
		Set<Class<?>> seen = new HashSet<>();
		while (!toVisit.isEmpty()) {
			Class<?> supertype = toVisit.poll();
			if (seen.add(supertype)) {
				if (!isApplication(Type.getInternalName(supertype))) {
					supertypes.add(supertype);
				}
				if (supertype.getSuperclass() != null) {
					toVisit.add(supertype.getSuperclass());
				}
				toVisit.addAll(List.of(supertype.getInterfaces()));
			}
		}
		return supertypes;
	}

	/**
	 * Finds the class whose body a call of a method runs, or {@code null} if there is none to
	 * read: a constructor of the class named; else the nearest declaration up the superclass
	 * chain; else a default method of an interface the class implements.
	 */
	private @Nullable Class<?> declaringClass(String ownerName, String name, String descriptor) {
		Class<?> owner = this.files.load(ownerName);
		if (owner == null) {
			return null;
		}
		if (name.equals("<init>")) {
			for (Constructor<?> constructor : owner.getDeclaredConstructors()) {
				if (Type.getConstructorDescriptor(constructor).equals(descriptor)) {
					return owner;
				}
			}
			return null;
		}
		for (Class<?> current = owner; current != null; current = current.getSuperclass()) {
			Method declared = declared(current, name, descriptor);
			if (declared != null) {
				return hasBody(declared) ? current : null;
			}
		}
		return defaultMethodOwner(owner, name, descriptor);
	}

	/** @return the interface whose default method a class inherits, or {@code null} */
	private static @Nullable Class<?> defaultMethodOwner(Class<?> type, String name, String descriptor) {
		Deque<Class<?>> interfaces = new ArrayDeque<>();
		for (Class<?> current = type; current != null; current = current.getSuperclass()) {
			interfaces.addAll(List.of(current.getInterfaces()));
		}
		if (type.isInterface()) {
			interfaces.addFirst(type);
		}
		Set<Class<?>> seen = new HashSet<>();
		while (!interfaces.isEmpty()) {
			Class<?> candidate = interfaces.poll();
			if (seen.add(candidate)) {
				Method declared = declared(candidate, name, descriptor);
				if (declared != null && hasBody(declared)) {
					return candidate;
				}
				interfaces.addAll(List.of(candidate.getInterfaces()));
			}
		}
		return null;
	}

	private static @Nullable Method declared(Class<?> type, String name, String descriptor) {
		for (Method candidate : type.getDeclaredMethods()) {
			if (candidate.getName().equals(name) && Type.getMethodDescriptor(candidate).equals(descriptor)) {
				return candidate;
			}
		}
		return null;
	}

	private static boolean hasBody(Method method) {
		return !Modifier.isAbstract(method.getModifiers()) && !Modifier.isNative(method.getModifiers());
	}

}
