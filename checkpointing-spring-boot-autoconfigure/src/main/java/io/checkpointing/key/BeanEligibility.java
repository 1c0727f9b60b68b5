package io.checkpointing.key;

import java.io.Closeable;
import java.util.Iterator;
import java.util.concurrent.Executor;
import java.util.stream.BaseStream;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether an object of no specially handled type may be hashed by its fields. Streams,
 * connections, threads, generated classes and other JDK objects describe a process, not a value,
 * so they are refused with a reason.
 */
final class BeanEligibility {

	private static final String[] PLATFORM_PACKAGES = { "java.", "javax.", "jdk.", "sun.", "com.sun." };

	private BeanEligibility() {
	}

	static @Nullable String whyNot(Class<?> type) {
		if (type.isSynthetic() || type.isHidden() || type.getName().contains("$$Lambda")) {
			return "it is a lambda or generated class, which has no value to compare";
		}
		if (BaseStream.class.isAssignableFrom(type) || Iterator.class.isAssignableFrom(type)) {
			return "a stream or iterator can be read only once and has no value to compare";
		}
		if (AutoCloseable.class.isAssignableFrom(type) || Closeable.class.isAssignableFrom(type)) {
			return "it is a resource (a stream, channel or connection), not a value";
		}
		if (Executor.class.isAssignableFrom(type) || Thread.class.isAssignableFrom(type)) {
			return "it is an executor or thread, not a value";
		}
		for (String prefix : PLATFORM_PACKAGES) {
			if (type.getName().startsWith(prefix)) {
				return "it is a platform type with no canonical form";
			}
		}
		return null;
	}

}
