package io.checkpointing.key;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.checkpointing.CheckpointException;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.Type;

/**
 * One fingerprinting of a checkpointed method: it discovers the call graph of the application
 * methods it reaches (a work list, without recursion, so deep call chains cannot overflow the
 * stack), reading each with a {@link MethodNormalizer}, splits it into
 * {@link StronglyConnected strongly connected components} and hashes them callees first with a
 * {@link CodeGraphHasher}. Methods already hashed by an earlier walk of the same fingerprinter
 * are not read again.
 */
final class CodeWalk implements CallTargets.Nodes {

	private static final Comparator<Field> BY_NAME = Comparator
		.comparing((Field field) -> field.getDeclaringClass().getName())
		.thenComparing(Field::getName);

	private final Class<?> root;

	private final String memoPrefix;

	private final Map<String, NodeCode> memo;

	private final ClassFiles files;

	private final CallTargets targets;

	private final @Nullable LibraryVersions libraryVersions;

	private final Map<String, CodeNode> graph = new LinkedHashMap<>();

	private final Deque<CodeNode> toRead = new ArrayDeque<>();

	/**
	 * @param memo the codes of methods hashed by earlier walks of the same fingerprinter
	 * @param indexes the application class indexes of the same fingerprinter
	 * @param libraryVersions the versions to count with library calls, {@code null} to count none
	 */
	CodeWalk(Class<?> root, CodeScope scope, CodeOrigins origins, Map<String, NodeCode> memo,
			Map<List<Object>, ApplicationClassIndex> indexes, @Nullable LibraryVersions libraryVersions) {
		this.root = root;
		this.memo = memo;
		this.libraryVersions = libraryVersions;
		ClassLoader loader = (root.getClassLoader() != null) ? root.getClassLoader() : ClassLoader.getSystemClassLoader();
		this.files = new ClassFiles(loader);
		this.targets = new CallTargets(scope, origins, root.getPackageName(), this.files, indexes, this);
		// What a node's code depends on besides its own body: which packages count as application code
		// (which other classes are followed does not change within a fingerprinter).
		this.memoPrefix = this.targets.packages() + " ";
	}

	MethodCode root(Method method) {
		String descriptor = Type.getMethodDescriptor(method);
		CodeNode rootNode = new CodeNode("root:" + id(this.root, method.getName(), descriptor), this.root,
				method.getName(), descriptor, true);
		this.graph.put(rootNode.id, rootNode);
		if (!read(rootNode)) {
			throw new CheckpointException("Cannot fingerprint " + this.root.getName() + "#" + method.getName()
					+ ": its class file has no method " + method.getName() + descriptor);
		}
		while (!this.toRead.isEmpty()) {
			read(this.toRead.poll());
		}
		CodeGraphHasher hasher = new CodeGraphHasher(this.memo, (id) -> this.memoPrefix + id);
		for (List<CodeNode> component : StronglyConnected.components(rootNode, this::successors)) {
			hasher.hash(component);
		}
		NodeCode code = hasher.codeOf(rootNode.id);
		return new MethodCode(code.fingerprint(), fieldsRead(rootNode, code), Collections.unmodifiableMap(code.reached()),
				byDeclaringClass(code.allFieldsRead()), code.outsideCalls(), rootNode.parameterOrder.declaredIndexes(),
				partialReads(code));
	}

	/**
	 * The fields every reached read of which only calls plain accessors, with the fields behind
	 * them by name: the same on every JVM, whatever order the walk met them in.
	 */
	private static Map<Field, List<Field>> partialReads(NodeCode code) {
		Map<Field, List<Field>> partial = new LinkedHashMap<>();
		code.accessorReads().forEach((field, behind) -> {
			if (!code.wholeReads().contains(field)) {
				List<Field> sorted = new ArrayList<>(behind);
				sorted.sort(BY_NAME);
				partial.put(field, List.copyOf(sorted));
			}
		});
		return partial;
	}

	/** The root's own fields in reading order (the fingerprint names them so), then the others in a stable order. */
	private static List<Field> fieldsRead(CodeNode rootNode, NodeCode code) {
		List<Field> fields = new ArrayList<>(rootNode.ownFieldsRead);
		List<Field> others = new ArrayList<>(code.fieldsRead());
		others.removeAll(fields);
		others.sort(BY_NAME);
		fields.addAll(others);
		return fields;
	}

	private static Map<Class<?>, Set<Field>> byDeclaringClass(Set<Field> fields) {
		Map<Class<?>, Set<Field>> grouped = new LinkedHashMap<>();
		for (Field field : fields) {
			grouped.computeIfAbsent(field.getDeclaringClass(), (key) -> new LinkedHashSet<>()).add(field);
		}
		grouped.replaceAll((owner, set) -> Collections.unmodifiableSet(set));
		return Collections.unmodifiableMap(grouped);
	}

	private boolean read(CodeNode node) {
		return new MethodNormalizer(node, this.files, this.targets, this.libraryVersions).read();
	}

	@Override
	public String node(Class<?> owner, String name, String descriptor) {
		String id = id(owner, name, descriptor);
		if (!this.graph.containsKey(id) && !this.memo.containsKey(this.memoPrefix + id)) {
			CodeNode node = new CodeNode(id, owner, name, descriptor, false);
			this.graph.put(id, node);
			this.toRead.add(node);
		}
		return id;
	}

	private static String id(Class<?> owner, String name, String descriptor) {
		return owner.getName() + "." + name + descriptor;
	}

	private List<CodeNode> successors(CodeNode node) {
		List<CodeNode> successors = new ArrayList<>();
		for (List<String> site : node.callSites) {
			for (String target : site) {
				CodeNode successor = this.graph.get(target);
				if (successor != null) {
					successors.add(successor);
				}
			}
		}
		return successors;
	}

}
