package io.checkpointing.key;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The code part of a key. This first version identifies a method by its declaring class and
 * signature; it is memoized per method, so a hit never pays for it again.
 */
public final class CodeFingerprinter {

	private final Map<Method, byte[]> fingerprints = new ConcurrentHashMap<>();

	/**
	 * @param method a checkpointed method
	 * @return its fingerprint
	 */
	public byte[] fingerprint(Method method) {
		return this.fingerprints.computeIfAbsent(method, CodeFingerprinter::compute);
	}

	private static byte[] compute(Method method) {
		MessageDigest sha = Digests.sha256();
		sha.update(method.getDeclaringClass().getName().getBytes(StandardCharsets.UTF_8));
		sha.update((byte) '#');
		sha.update(method.toGenericString().getBytes(StandardCharsets.UTF_8));
		return sha.digest();
	}

}
