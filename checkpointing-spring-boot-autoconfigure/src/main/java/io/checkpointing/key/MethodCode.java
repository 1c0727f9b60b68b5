package io.checkpointing.key;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What the bytecode of a checkpointed method, and of all the code it reaches, says about its
 * identity.
 * @param fingerprint the digest of its normalized code and of the lambdas it creates
 * @param fieldsRead the fields of its own class it reads, in the order they are first read, then
 * the fields of other application classes read by the code it reaches, by class and field name;
 * their values are part of every key (see {@link StateReader})
 * @param reachedCode the fingerprint of each method reached, by {@code SimpleClassName#method},
 * the checkpointed method first: kept with entries to explain misses
 * @param reachedFieldReads every field read ({@code getfield} or {@code getstatic}) anywhere in
 * the reached code, the checkpointed method included, by the class that declares it: application
 * classes', libraries' and the JDK's alike, whichever object it is read on
 * @param outsideCalls every call the reached code makes to code the walk does not follow (the
 * JDK, libraries, application methods with no body), with where it is made and the
 * {@code String} constants passed to it, once per call site
 * @param parameterOrder the order the fingerprint takes the method's parameters in, as their
 * declared indexes; arguments are keyed in the same order (see {@link #inParameterOrder}), so that
 * swapping parameters of different types together with the call's arguments keeps stored results
 * @param partialReads the fields read (see {@code fieldsRead}) whose values the reached code only
 * ever uses to call plain accessors, with the fields behind those accessors in a stable order:
 * only those count in the key (see {@link PlainAccessors}); every other field counts whole
 */
// Holds its arrays as parts to read, never compared or used as a key: array equality does not matter.
@SuppressWarnings("ArrayRecordComponent")
public record MethodCode(byte[] fingerprint, List<Field> fieldsRead, Map<String, byte[]> reachedCode,
		Map<Class<?>, Set<Field>> reachedFieldReads, List<OutsideCall> outsideCalls, List<Integer> parameterOrder,
		Map<Field, List<Field>> partialReads) {

	public MethodCode {
		fieldsRead = List.copyOf(fieldsRead);
		outsideCalls = List.copyOf(outsideCalls);
		parameterOrder = List.copyOf(parameterOrder);
		partialReads = Map.copyOf(partialReads);
	}

	/**
	 * A method code with parameters in their declared order, whose fields read all count whole.
	 */
	public MethodCode(byte[] fingerprint, List<Field> fieldsRead, Map<String, byte[]> reachedCode,
			Map<Class<?>, Set<Field>> reachedFieldReads, List<OutsideCall> outsideCalls) {
		this(fingerprint, fieldsRead, reachedCode, reachedFieldReads, outsideCalls, List.of(), Map.of());
	}

	/**
	 * A method code with nothing reached besides the given fields (a key strategy's identity).
	 */
	public MethodCode(byte[] fingerprint, List<Field> fieldsRead, Map<String, byte[]> reachedCode) {
		this(fingerprint, fieldsRead, reachedCode, Map.of(), List.of());
	}

	/**
	 * @param parameters the keyed parameters of the method
	 * @param argumentDigests one digest per keyed parameter, in declaration order
	 * @return the digests in the order of {@link #parameterOrder()}
	 */
	public byte[][] inParameterOrder(KeyedParameters parameters, byte[][] argumentDigests) {
		int count = argumentDigests.length;
		if (count < 2 || this.parameterOrder.isEmpty() || count != parameters.parameters().size()) {
			return argumentDigests;
		}
		// On every call, hits included: no boxing, and nothing allocated when already in order.
		int[] ranks = new int[count];
		boolean inOrder = true;
		for (int i = 0; i < count; i++) {
			ranks[i] = this.parameterOrder.indexOf(parameters.parameters().get(i).index());
			inOrder &= (i == 0 || ranks[i] > ranks[i - 1]);
		}
		if (inOrder) {
			return argumentDigests;
		}
		byte[][] ordered = argumentDigests.clone();
		for (int i = 1; i < count; i++) {
			for (int j = i; j > 0 && ranks[j] < ranks[j - 1]; j--) {
				int rank = ranks[j];
				ranks[j] = ranks[j - 1];
				ranks[j - 1] = rank;
				byte[] digest = ordered[j];
				ordered[j] = ordered[j - 1];
				ordered[j - 1] = digest;
			}
		}
		return ordered;
	}

	/**
	 * @param version a version the user gave the method's results
	 * @return the fingerprint, combined with the version when there is one
	 */
	public byte[] fingerprintWith(String version) {
		if (version.isEmpty()) {
			return this.fingerprint;
		}
		java.security.MessageDigest digest = Digests.sha256();
		digest.update(this.fingerprint);
		digest.update(version.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		return digest.digest();
	}

	/**
	 * @param field a field read
	 * @return the fields behind the plain accessors through which alone the reached code reads its
	 * value, or {@code null} if the value counts whole
	 */
	public @Nullable List<Field> partsRead(Field field) {
		return this.partialReads.get(field);
	}

	/**
	 * @param owner a class
	 * @return the fields of {@code owner} the reached code reads, empty if none
	 */
	public Set<Field> fieldReadsOf(Class<?> owner) {
		return this.reachedFieldReads.getOrDefault(owner, Set.of());
	}

}
