package io.checkpointing.key;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.checkpointing.CheckpointException;

/**
 * The code part of a key: a digest of the method's bytecode, normalized so that only what can
 * change the result counts (see {@link MethodNormalizer}), with what the code reads and calls.
 *
 * <p>In the {@link CodeScope#transitive() transitive} scope, a call into application code is
 * replaced by the callee's own fingerprint, recursively (a Merkle hash over the call graph, see
 * {@link CodeGraphHasher}), so a changed helper reruns its callers while a renamed one does not.
 * A call through an interface or an overridable method counts every application implementation
 * ({@link CallTargets}). Methods that call each other (recursion) share the hash of their
 * strongly connected component, so cycles fingerprint the same wherever they are entered. Static
 * fields of application classes read along the way join the state.
 *
 * <p>Each method is read once per fingerprinter and its fingerprint reused by every checkpointed
 * method that reaches it; a hit never reads bytecode. This class is the facade: one
 * {@link CodeWalk} per checkpointed method does the work.
 */
public final class CodeFingerprinter {

	private final CodeScope scope;

	private final Map<Method, MethodCode> codes = new ConcurrentHashMap<>();

	private final Map<List<Object>, MethodCode> declared = new ConcurrentHashMap<>();

	private final Map<String, NodeCode> nodes = new ConcurrentHashMap<>();

	private final LibraryVersions libraryVersions = new LibraryVersions();

	private final CodeOrigins origins;

	private final Map<List<Object>, ApplicationClassIndex> indexes = new ConcurrentHashMap<>();

	public CodeFingerprinter(CodeScope scope) {
		this.scope = scope;
		this.origins = new CodeOrigins(scope, this.libraryVersions);
	}

	/**
	 * @param method a checkpointed method (the implementation, not a proxy's or bridge)
	 * @return its fingerprint, the fields it reads and what the code it reaches reads and calls
	 * @throws CheckpointException if a class file cannot be found or read
	 */
	public MethodCode codeOf(Method method) {
		return this.codes.computeIfAbsent(method, (key) -> new CodeWalk(key.getDeclaringClass(), this.scope, this.origins, this.nodes,
				this.indexes, this.scope.libraryVersions() ? this.libraryVersions : null).root(key));
	}

	/**
	 * @param type the interface the method is called on
	 * @param method an interface method with no body to read (see {@link DeclaredCode})
	 * @return its code: its declaration, and one call of it made outside the application
	 */
	public MethodCode declaredCodeOf(Class<?> type, Method method) {
		return this.declared.computeIfAbsent(List.of(type, method), (key) -> DeclaredCode.of(type, method));
	}

}
