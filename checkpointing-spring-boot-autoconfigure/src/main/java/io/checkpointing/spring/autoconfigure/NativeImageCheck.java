package io.checkpointing.spring.autoconfigure;

/**
 * Refuses to start checkpointing in a GraalVM native image, whose code has no class files for
 * the code fingerprint to read: failing at startup with what to do beats every checkpointed call
 * failing later. Spring's own {@code NativeDetector} reads the same system property, once per JVM;
 * this reads it on each check.
 */
final class NativeImageCheck {

	/** Set by GraalVM: {@code runtime} in a running native image. */
	static final String IMAGE_CODE = "org.graalvm.nativeimage.imagecode";

	private NativeImageCheck() {
	}

	/**
	 * @param enabled {@code checkpointing.enabled}
	 * @throws IllegalStateException in a running native image, unless checkpointing is disabled
	 */
	static void requireJvm(boolean enabled) {
		if (enabled && "runtime".equals(System.getProperty(IMAGE_CODE))) {
			throw new IllegalStateException("checkpointing does not support GraalVM native images: the key of a call"
					+ " starts from the bytecode of the method and of what it calls, read as class files, and a native"
					+ " image has none. Run the application on the JVM (Spring AOT on the JVM, spring.aot.enabled=true,"
					+ " is supported), or set checkpointing.enabled=false in the native image so that @Checkpoint"
					+ " methods run plainly. See docs/index.md, \"Spring AOT and native images\".");
		}
	}

}
