package io.checkpointing.key;

import java.net.URL;
import java.security.CodeSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which classes a walk follows by their bytecode. Application code is followed: the configured
 * packages (or the checkpointed method's own), and beyond them every class that is neither the
 * JDK's nor in a released library jar: classes from a directory (a sibling module compiled
 * beside the application), from an executable Boot jar's own classes, or from a jar with no
 * release version or a {@code -SNAPSHOT} one. Released libraries count by their signature, and
 * by their version with {@code library-versions}. Excluded packages are never followed, not even in application packages.
 */
final class CodeOrigins {

	private static final List<String> JDK_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "org.w3c.",
			"org.xml.", "org.ietf.", "org.jcp.");

	/** This library's own classes are a released dependency of the application, never its code. */
	private static final String OWN_PACKAGE = "io.checkpointing.";

	private final CodeScope scope;

	private final LibraryVersions libraryVersions;

	private final Map<List<Object>, Boolean> followed = new ConcurrentHashMap<>();

	CodeOrigins(CodeScope scope, LibraryVersions libraryVersions) {
		this.scope = scope;
		this.libraryVersions = libraryVersions;
	}

	/**
	 * @param internalName a class, as named in bytecode
	 * @param rootPackage the checkpointed method's package
	 * @param loader the loader of the checkpointed method's class
	 * @return whether calls into the class are followed by its bytecode
	 */
	boolean isFollowed(String internalName, String rootPackage, ClassLoader loader) {
		if (!this.scope.transitive()) {
			return false;
		}
		String name = internalName.replace('/', '.');
		if (isExcluded(name)) {
			return false;
		}
		if (this.scope.isApplicationClass(internalName, rootPackage)) {
			return true;
		}
		if (JDK_PACKAGES.stream().anyMatch(name::startsWith)
				|| name.startsWith(OWN_PACKAGE)) {
			return false;
		}
		return this.followed.computeIfAbsent(List.of(loader, name), (key) -> isUnreleased(name, loader));
	}

	private boolean isExcluded(String name) {
		return this.scope.excludedPackages().stream().anyMatch((excluded) -> name.startsWith(excluded + "."));
	}

	private boolean isUnreleased(String name, ClassLoader loader) {
		Class<?> type;
		try {
			type = Class.forName(name, false, loader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
		if (type.getClassLoader() == null || type.getClassLoader() == ClassLoader.getPlatformClassLoader()
				|| type.isHidden() || type.getName().contains("$$")) {
			return false;
		}
		CodeSource source = type.getProtectionDomain().getCodeSource();
		URL location = (source != null) ? source.getLocation() : null;
		if (location == null) {
			return false;
		}
		String path = location.toString();
		if (path.contains("BOOT-INF/classes") || path.contains("WEB-INF/classes")) {
			return true;
		}
		if (path.startsWith("file:") && !path.endsWith(".jar")) {
			return true;
		}
		return this.libraryVersions.releaseOf(type) == null;
	}

}
