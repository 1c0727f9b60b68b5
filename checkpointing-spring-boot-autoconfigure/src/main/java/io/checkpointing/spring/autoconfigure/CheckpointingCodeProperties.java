package io.checkpointing.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;

/**
 * How much code identifies a checkpointed method, under {@code checkpointing.code.*} (nested in
 * {@link CheckpointingProperties}).
 */
public class CheckpointingCodeProperties {

	/**
	 * How much code a method's key covers: transitive (the method, its lambdas, and the
	 * application methods it calls, recursively) or method (the method and its lambdas only).
	 */
	private CodeScopeType scope = CodeScopeType.TRANSITIVE;

	/**
	 * Packages of application code, in addition to those Spring Boot scans (the package of
	 * the @SpringBootApplication class). Calls into them are followed, and so are calls into
	 * classes that are neither the JDK's nor in a released library jar; calls into other code
	 * count by their signature only.
	 */
	private List<String> packages = new ArrayList<>();

	/**
	 * Packages whose classes are never followed, although they come from a directory or from
	 * a jar with no release version (generated code, a large unreleased dependency): calls
	 * into them count by their signature only. They win over the application packages.
	 */
	private List<String> excludedPackages = new ArrayList<>();

	/**
	 * Whether calls into libraries also count the version of the jar they come from
	 * (Implementation-Version, else the Maven version, else the jar's name), so that upgrading
	 * a library reruns the methods that call it.
	 */
	private boolean libraryVersions = false;

	public boolean isLibraryVersions() {
		return this.libraryVersions;
	}

	public void setLibraryVersions(boolean libraryVersions) {
		this.libraryVersions = libraryVersions;
	}

	public CodeScopeType getScope() {
		return this.scope;
	}

	public void setScope(CodeScopeType scope) {
		this.scope = scope;
	}

	public List<String> getPackages() {
		return this.packages;
	}

	public void setPackages(List<String> packages) {
		this.packages = packages;
	}

	public List<String> getExcludedPackages() {
		return this.excludedPackages;
	}

	public void setExcludedPackages(List<String> excludedPackages) {
		this.excludedPackages = excludedPackages;
	}

}
