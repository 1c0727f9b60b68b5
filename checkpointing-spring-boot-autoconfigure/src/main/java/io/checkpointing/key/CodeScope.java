package io.checkpointing.key;

import java.util.List;

/**
 * How much code the fingerprint of a checkpointed method covers.
 * @param transitive whether calls into application code are followed, so that a change in a
 * helper reruns its callers; otherwise only the method itself (and its lambdas) count
 * @param applicationPackages the packages whose classes are application code, such as
 * {@code com.example}; calls into them are followed, and so are calls into classes that are
 * neither the JDK's nor a released library's (see {@link CodeOrigins}); calls into anything
 * else count by their signature
 * @param libraryVersions whether calls into libraries also count the version of the jar the
 * library comes from, so that upgrading it reruns
 * @param excludedPackages packages never followed, although their classes come from a directory
 * or an unreleased jar (see {@link CodeOrigins})
 */
public record CodeScope(boolean transitive, List<String> applicationPackages, boolean libraryVersions,
		List<String> excludedPackages) {

	public CodeScope {
		applicationPackages = List.copyOf(applicationPackages);
		excludedPackages = List.copyOf(excludedPackages);
	}

	/**
	 * A scope that excludes no package.
	 */
	public CodeScope(boolean transitive, List<String> applicationPackages, boolean libraryVersions) {
		this(transitive, applicationPackages, libraryVersions, List.of());
	}

	/**
	 * @return a scope that covers only the checkpointed method and its lambdas
	 */
	public static CodeScope methodOnly() {
		return new CodeScope(false, List.of(), false);
	}

	/**
	 * @param applicationPackages the packages of application code
	 * @return a scope that follows calls into those packages
	 */
	public static CodeScope transitive(List<String> applicationPackages) {
		return new CodeScope(true, applicationPackages, false);
	}

	/**
	 * @param libraryVersions whether library calls count their jar's version
	 * @return this scope with that setting
	 */
	public CodeScope withLibraryVersions(boolean libraryVersions) {
		return new CodeScope(this.transitive, this.applicationPackages, libraryVersions, this.excludedPackages);
	}

	/**
	 * @param excludedPackages packages whose classes are never followed
	 * @return this scope with those packages excluded
	 */
	public CodeScope withExcludedPackages(List<String> excludedPackages) {
		return new CodeScope(this.transitive, this.applicationPackages, this.libraryVersions, excludedPackages);
	}

	/**
	 * @param internalName a class, as named in bytecode
	 * @param rootPackage the package of the checkpointed method, application code when no
	 * packages are configured
	 */
	boolean isApplicationClass(String internalName, String rootPackage) {
		if (!this.transitive) {
			return false;
		}
		String name = internalName.replace('/', '.');
		for (String packageName : packagesFor(rootPackage)) {
			if (name.startsWith(packageName + ".")) {
				return true;
			}
		}
		return false;
	}

	/** @return the configured packages, or the checkpointed method's own when none are */
	List<String> packagesFor(String rootPackage) {
		return this.applicationPackages.isEmpty() ? List.of(rootPackage) : this.applicationPackages;
	}

}
