package io.checkpointing.key;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Hashes the call graph of one walk, one strongly connected component at a time, callees
 * first: a call into application code counts by the fingerprints of the methods it may run (a
 * Merkle hash), so a changed helper reruns its callers while a renamed one does not. Methods of
 * one cycle share their component's hash, so the result does not depend on where a cycle is
 * entered. What a method reads and calls outside is gathered with its callees'.
 */
final class CodeGraphHasher {

	private static final byte[] SAME_COMPONENT = "same-component".getBytes(StandardCharsets.UTF_8);

	private final Map<String, NodeCode> codes = new HashMap<>();

	private final Map<String, NodeCode> memo;

	private final UnaryOperator<String> memoKey;

	/**
	 * @param memo the final codes of methods hashed by earlier walks, shared with later ones
	 * @param memoKey the memo's key for a node id
	 */
	CodeGraphHasher(Map<String, NodeCode> memo, UnaryOperator<String> memoKey) {
		this.memo = memo;
		this.memoKey = memoKey;
	}

	/** @return the code of a node hashed by this walk or an earlier one */
	NodeCode codeOf(String id) {
		NodeCode code = this.codes.get(id);
		// A callee outside the component was hashed before it, in this walk or an earlier one.
		return (code != null) ? code : Objects.requireNonNull(this.memo.get(this.memoKey.apply(id)));
	}

	/** Hashes one component, whose callees outside it are already hashed. */
	void hash(List<CodeNode> component) {
		Set<String> members = new HashSet<>();
		component.forEach((node) -> members.add(node.id));
		boolean cyclic = component.size() > 1;
		Set<Field> fields = new LinkedHashSet<>();
		Set<Field> allFields = new LinkedHashSet<>();
		Set<OutsideCall> outsideCalls = new LinkedHashSet<>();
		Set<Field> wholeReads = new LinkedHashSet<>();
		Map<Field, Set<Field>> accessorReads = new LinkedHashMap<>();
		Map<String, byte[]> reached = new LinkedHashMap<>();
		Map<CodeNode, byte[]> memberHashes = new LinkedHashMap<>();
		for (CodeNode node : component) {
			MessageDigest digest = Digests.sha256();
			digest.update(node.body);
			fields.addAll(node.fieldsRead);
			allFields.addAll(node.allFieldsRead);
			outsideCalls.addAll(node.outsideCalls);
			wholeReads.addAll(node.wholeReads);
			addAccessorReads(accessorReads, node.accessorReads);
			for (List<String> site : node.callSites) {
				List<byte[]> fingerprints = new ArrayList<>();
				for (String target : site) {
					if (members.contains(target)) {
						cyclic = true;
						fingerprints.add(SAME_COMPONENT);
					}
					else {
						NodeCode callee = codeOf(target);
						fingerprints.add(callee.fingerprint());
						fields.addAll(callee.fieldsRead());
						allFields.addAll(callee.allFieldsRead());
						outsideCalls.addAll(callee.outsideCalls());
						wholeReads.addAll(callee.wholeReads());
						addAccessorReads(accessorReads, callee.accessorReads());
						callee.reached().forEach(reached::putIfAbsent);
					}
				}
				fingerprints.sort(Arrays::compareUnsigned);
				digest.update((byte) fingerprints.size());
				fingerprints.forEach(digest::update);
			}
			memberHashes.put(node, digest.digest());
		}
		byte[] componentHash = cyclic ? componentHash(memberHashes.values()) : null;
		Map<String, byte[]> own = new LinkedHashMap<>();
		Map<CodeNode, byte[]> finals = new LinkedHashMap<>();
		for (CodeNode node : component) {
			byte[] fingerprint = memberHashes.get(node);
			if (componentHash != null) {
				MessageDigest digest = Digests.sha256();
				digest.update(componentHash);
				digest.update(fingerprint);
				fingerprint = digest.digest();
			}
			finals.put(node, fingerprint);
			own.putIfAbsent(displayName(node), fingerprint);
		}
		Set<Field> fieldsRead = Collections.unmodifiableSet(fields);
		Set<Field> allFieldsRead = Collections.unmodifiableSet(allFields);
		List<OutsideCall> calls = List.copyOf(outsideCalls);
		for (Map.Entry<CodeNode, byte[]> last : finals.entrySet()) {
			CodeNode node = last.getKey();
			Map<String, byte[]> nodeReached = new LinkedHashMap<>();
			nodeReached.put(displayName(node), last.getValue());
			own.forEach(nodeReached::putIfAbsent);
			reached.forEach(nodeReached::putIfAbsent);
			NodeCode code = new NodeCode(last.getValue(), fieldsRead, allFieldsRead, calls, nodeReached,
					Collections.unmodifiableSet(wholeReads), Collections.unmodifiableMap(accessorReads));
			this.codes.put(node.id, code);
			if (!node.isRoot) {
				this.memo.put(this.memoKey.apply(node.id), code);
			}
		}
	}

	private static void addAccessorReads(Map<Field, Set<Field>> into, Map<Field, Set<Field>> reads) {
		reads.forEach((field, behind) -> into.computeIfAbsent(field, (key) -> new LinkedHashSet<>()).addAll(behind));
	}

	private static byte[] componentHash(Iterable<byte[]> memberHashes) {
		List<byte[]> sorted = new ArrayList<>();
		memberHashes.forEach(sorted::add);
		sorted.sort(Arrays::compareUnsigned);
		MessageDigest digest = Digests.sha256();
		sorted.forEach(digest::update);
		return digest.digest();
	}

	private static String displayName(CodeNode node) {
		String simpleName = node.owner.getSimpleName();
		if (simpleName.isEmpty()) {
			// an anonymous class: its binary name within its package, such as Calc$1
			simpleName = node.owner.getName().substring(node.owner.getName().lastIndexOf('.') + 1);
		}
		return simpleName + "#" + node.name;
	}

}
