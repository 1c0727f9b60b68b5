package io.checkpointing.key;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.security.CodeSource;

/**
 * Which plain objects a key follows into. An argument is a value the caller chose, so it counts
 * by its whole state, whatever its class. A field of a bean often holds a collaborator instead: a
 * proxy, a client or a template of a library, whose inner state (pools, caches, counters) is no
 * part of the result and changes on its own; following it would rerun for nothing, so such an
 * object counts by its type. Application objects (from a directory or an unreleased jar) count
 * by their whole state in both.
 */
enum ValuePolicy {

	/** Arguments: every object by its whole state; a proxy has none to compare, so it is refused. */
	ARGUMENTS,

	/** Field values: proxies, and objects of released libraries that are not values, by their type only. */
	STATE;

	private static final ClassValue<Boolean> LIBRARY_COLLABORATOR = new ClassValue<>() {
		@Override
		protected Boolean computeValue(Class<?> type) {
			return isFromReleasedJar(type) && !declaresEquals(type);
		}
	};

	private static final ClassValue<String> JDK_PROXY_IDENTITY = new ClassValue<>() {
		@Override
		protected String computeValue(Class<?> type) {
			// Sorted: the order a proxy factory lists interfaces in is not part of what it is.
			return "proxy of " + java.util.Arrays.stream(type.getInterfaces())
				.map(Class::getName)
				.sorted()
				.collect(java.util.stream.Collectors.joining(", "));
		}
	};

	/**
	 * @param type the class of a plain object
	 * @return whether it counts by its type rather than its state
	 * @throws UnhashableValueException for a proxy given as an argument
	 */
	boolean countsByTypeOnly(Class<?> type) {
		boolean proxy = isProxy(type);
		if (this == ARGUMENTS) {
			if (proxy) {
				throw new UnhashableValueException(type, "it is a proxy, whose state is its target's and not its own");
			}
			return false;
		}
		return proxy || LIBRARY_COLLABORATOR.get(type);
	}

	static boolean isProxy(Class<?> type) {
		return Proxy.isProxyClass(type) || type.getName().contains("$$");
	}

	/**
	 * A generated subclass (a proxy) names its user class first: only that part identifies it. A
	 * JDK dynamic proxy's name ({@code jdk.proxy4.$Proxy163}) is a counter that moves with the
	 * order proxies are created in, so it is named by the interfaces it implements instead.
	 */
	static String userType(Class<?> type) {
		if (Proxy.isProxyClass(type)) {
			return JDK_PROXY_IDENTITY.get(type);
		}
		String name = type.getName();
		int generated = name.indexOf("$$");
		return (generated > 0) ? name.substring(0, generated) : name;
	}

	/** Whether the class or a superclass other than {@code Object} says when two instances are equal. */
	private static boolean declaresEquals(Class<?> type) {
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			for (Method method : current.getDeclaredMethods()) {
				if (method.getName().equals("equals") && method.getParameterCount() == 1
						&& method.getParameterTypes()[0] == Object.class) {
					return true;
				}
			}
		}
		return false;
	}

	/** A jar whose name carries a release version; a directory or a {@code -SNAPSHOT} jar is application code. */
	private static boolean isFromReleasedJar(Class<?> type) {
		CodeSource source = type.getProtectionDomain().getCodeSource();
		URL location = (source != null) ? source.getLocation() : null;
		if (location == null) {
			return type.getClassLoader() == null;
		}
		String path = location.toString();
		if (path.endsWith("!/")) {
			path = path.substring(0, path.length() - 2);
		}
		String file = path.substring(path.lastIndexOf('/') + 1);
		return file.matches(".*-[0-9][^/]*\\.jar") && !file.contains("-SNAPSHOT");
	}

}
