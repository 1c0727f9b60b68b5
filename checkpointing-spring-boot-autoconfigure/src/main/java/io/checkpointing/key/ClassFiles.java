package io.checkpointing.key;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.Map;

import io.checkpointing.CheckpointException;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The class files one walk reads, each parsed once. A class file is read through the class's
 * own {@code ClassLoader}, so it works under Spring Boot's nested-jar loader and DevTools'
 * restart loader alike; classes named in bytecode are loaded, without being initialized, through
 * the loader of the checkpointed method's class. Not thread-safe: one per walk.
 */
final class ClassFiles {

	private final ClassLoader loader;

	private final Map<Class<?>, ClassNode> parsed = new HashMap<>();

	ClassFiles(ClassLoader loader) {
		this.loader = loader;
	}

	ClassLoader loader() {
		return this.loader;
	}

	/**
	 * @return the method's code with its line numbers (frames are left out), or {@code null} if
	 * the class file declares no such method
	 * @throws CheckpointException if the class file cannot be found or read
	 */
	@Nullable MethodNode method(Class<?> owner, String name, String descriptor) {
		for (MethodNode method : of(owner).methods) {
			if (method.name.equals(name) && method.desc.equals(descriptor)) {
				return method;
			}
		}
		return null;
	}

	/** @return the parsed class file of {@code type} */
	ClassNode of(Class<?> type) {
		return this.parsed.computeIfAbsent(type, (key) -> parse(key, bytes(key)));
	}

	/**
	 * @throws CheckpointException if ASM cannot read the class file, as when it is of a Java release
	 * newer than the ASM on the class path knows (a JVM newer than that ASM runs classes compiled for it)
	 */
	static ClassNode parse(Class<?> type, byte[] classFile) {
		ClassNode node = new ClassNode();
		try {
			new ClassReader(classFile).accept(node, ClassReader.SKIP_FRAMES);
		}
		catch (IllegalArgumentException ex) {
			int major = (classFile.length > 7) ? (((classFile[6] & 0xFF) << 8) | (classFile[7] & 0xFF)) : -1;
			throw new CheckpointException("Cannot fingerprint the code of " + type.getName() + ": the org.ow2.asm:asm on"
					+ " the class path cannot read its class file (version " + major + ", Java " + (major - 44) + "): "
					+ ex.getMessage() + ". A class compiled for a newer Java release needs a newer ASM (manage the version"
					+ " of org.ow2.asm:asm and asm-tree), or compile it for an older release.", ex);
		}
		return node;
	}

	/** @return the class a bytecode name refers to, or {@code null} if it cannot be loaded */
	@Nullable Class<?> load(String internalName) {
		try {
			return Class.forName(internalName.replace('/', '.'), false, this.loader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
	}

	/**
	 * @return the field an instruction names through {@code ownerInternalName}: declared there, or
	 * inherited from a superclass or an interface; {@code null} if there is none
	 */
	@Nullable Field field(String ownerInternalName, String name) {
		Class<?> owner = load(ownerInternalName);
		return (owner != null) ? field(owner, name) : null;
	}

	private static @Nullable Field field(Class<?> owner, String name) {
		for (Class<?> current = owner; current != null; current = current.getSuperclass()) {
			for (Field field : current.getDeclaredFields()) {
				if (field.getName().equals(name)) {
					return field;
				}
			}
		}
		for (Class<?> current = owner; current != null; current = current.getSuperclass()) {
			for (Class<?> implemented : current.getInterfaces()) {
				Field field = field(implemented, name);
				if (field != null) {
					return field;
				}
			}
		}
		return null;
	}

	private static byte[] bytes(Class<?> type) {
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

}
