package io.checkpointing.key;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.CodeSource;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The version of the library a class comes from, so that upgrading a library reruns the methods
 * that call it ({@code checkpointing.code.library-versions}). Read once per jar: the manifest's
 * {@code Implementation-Version}, else the version in the jar's Maven {@code pom.properties},
 * else the jar's file name (which usually carries the version). JDK classes have none.
 */
final class LibraryVersions {

	private static final Pattern VERSION_IN_JAR_NAME = Pattern.compile("-(\\d+(?:\\.\\w+)*(?:-[\\w.]+)?)\\.jar$");

	private final Map<String, String> versions = new ConcurrentHashMap<>();

	String of(Class<?> type) {
		if (type.getClassLoader() == null || type.getName().startsWith("java.") || type.getName().startsWith("jdk.")) {
			return "";
		}
		CodeSource source = type.getProtectionDomain().getCodeSource();
		URL location = (source != null) ? source.getLocation() : null;
		if (location == null) {
			return "";
		}
		return this.versions.computeIfAbsent(location.toString(), (key) -> read(type, key));
	}

	/**
	 * @param type a class of a library
	 * @return the version of the library's release, or {@code null} if it comes from a jar with no
	 * version, a {@code -SNAPSHOT} version, or no jar at all
	 */
	@Nullable String releaseOf(Class<?> type) {
		String version = of(type);
		if (version.endsWith(".jar")) {
			// no version but the jar's name: a release names its version after the artifact
			Matcher named = VERSION_IN_JAR_NAME.matcher(version);
			version = named.find() ? named.group(1) : "";
		}
		return (version.isEmpty() || version.toUpperCase(Locale.ROOT).contains("SNAPSHOT")) ? null : version;
	}

	private static String read(Class<?> type, String location) {
		String version = type.getPackage().getImplementationVersion();
		if (version != null) {
			return version;
		}
		if (location.startsWith("file:") && location.endsWith(".jar")) {
			try (JarFile jar = new JarFile(new java.io.File(java.net.URI.create(location)))) {
				Manifest manifest = jar.getManifest();
				String fromManifest = (manifest != null) ? manifest.getMainAttributes().getValue("Implementation-Version") : null;
				if (fromManifest != null) {
					return fromManifest;
				}
				var poms = jar.stream().filter((entry) -> entry.getName().startsWith("META-INF/maven/")
						&& entry.getName().endsWith("/pom.properties")).toList();
				if (poms.size() == 1) {
					try (InputStream in = jar.getInputStream(poms.get(0))) {
						Properties pom = new Properties();
						pom.load(in);
						if (pom.getProperty("version") != null) {
							return pom.getProperty("version");
						}
					}
				}
			}
			catch (IOException | IllegalArgumentException ex) {
				// fall back to the jar's name
			}
		}
		String trimmed = location.endsWith("!/") ? location.substring(0, location.length() - 2) : location;
		return trimmed.substring(trimmed.lastIndexOf('/', trimmed.length() - 2) + 1);
	}

}
