package io.checkpointing.behavior;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.CodeSource;
import java.util.Collections;
import java.util.Enumeration;

/**
 * Loads the classes of one package of the test sources afresh, from where the test class path
 * has them, and everything else from the test class path: a program of that package run in this
 * JVM ({@link ProgramInThisJvm}) gets classes of its own, as in a fresh JVM, instead of the ones
 * an earlier run (or the test itself) loaded.
 */
final class PackageLoader extends URLClassLoader {

	static {
		ClassLoader.registerAsParallelCapable();
	}

	private final String packagePrefix;

	/**
	 * @param member a class of the package to load afresh; the package's classes must be in the
	 * same class path entry as it
	 */
	PackageLoader(Class<?> member) {
		super("program " + member.getPackageName(), new URL[] { location(member) }, member.getClassLoader());
		this.packagePrefix = member.getPackageName() + ".";
	}

	private static URL location(Class<?> member) {
		CodeSource source = member.getProtectionDomain().getCodeSource();
		if (source == null || source.getLocation() == null) {
			throw new IllegalStateException("No class path entry for " + member.getName());
		}
		return source.getLocation();
	}

	/** The package's own classes first (not its subpackages'), then the test class path. */
	@Override
	protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
		if (!name.startsWith(this.packagePrefix) || name.indexOf('.', this.packagePrefix.length()) >= 0) {
			return super.loadClass(name, resolve);
		}
		synchronized (getClassLoadingLock(name)) {
			Class<?> loaded = findLoadedClass(name);
			if (loaded == null) {
				loaded = findClass(name);
			}
			if (resolve) {
				resolveClass(loaded);
			}
			return loaded;
		}
	}

	/**
	 * Resources only through the parent, which has the same ones: found twice, a file such as
	 * {@code META-INF/spring.factories} would count twice. Classes are defined without this lookup.
	 */
	@Override
	public URL findResource(String name) {
		return null;
	}

	@Override
	public Enumeration<URL> findResources(String name) throws IOException {
		return Collections.emptyEnumeration();
	}

}
