package io.checkpointing.key;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The classes of the application packages, found once by listing the class files a class loader
 * serves for them (directories and jars, Spring Boot's nested jars included), for class-hierarchy
 * analysis: a call through an interface or an overridable method may reach any of its
 * implementations. Classes are loaded without being initialized.
 */
final class ApplicationClassIndex {

	private final List<Class<?>> classes;

	private final Map<Class<?>, List<Class<?>>> subtypes = new ConcurrentHashMap<>();

	private ApplicationClassIndex(List<Class<?>> classes) {
		this.classes = classes;
	}

	static ApplicationClassIndex scan(ClassLoader loader, List<String> packages) {
		List<Class<?>> found = new ArrayList<>();
		for (String packageName : packages) {
			for (String className : classNames(loader, packageName)) {
				try {
					found.add(Class.forName(className, false, loader));
				}
				catch (ClassNotFoundException | LinkageError ex) {
					// a class that cannot be loaded cannot be called either
				}
			}
		}
		return new ApplicationClassIndex(List.copyOf(found));
	}

	/** @return the application classes that are {@code type} or extend or implement it */
	List<Class<?>> subtypesOf(Class<?> type) {
		return this.subtypes.computeIfAbsent(type,
				(key) -> this.classes.stream().filter(key::isAssignableFrom).toList());
	}

	private static List<String> classNames(ClassLoader loader, String packageName) {
		String path = packageName.replace('.', '/');
		List<String> names = new ArrayList<>();
		Enumeration<URL> roots;
		try {
			roots = loader.getResources(path);
		}
		catch (IOException ex) {
			return names;
		}
		for (URL root : Collections.list(roots)) {
			try {
				if ("file".equals(root.getProtocol())) {
					addFromDirectory(Path.of(root.toURI()), packageName, names);
				}
				else {
					URLConnection connection = root.openConnection();
					if (connection instanceof JarURLConnection jar) {
						addFromJar(jar.getJarFile(), path, names);
					}
				}
			}
			catch (IOException | URISyntaxException | RuntimeException ex) {
				// an unreadable location contributes no classes; its calls count by signature
			}
		}
		return names;
	}

	private static void addFromDirectory(Path directory, String packageName, List<String> names) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			files.filter((file) -> file.toString().endsWith(".class")).forEach((file) -> {
				String relative = directory.relativize(file).toString().replace(java.io.File.separatorChar, '.');
				addIfClass(packageName + "." + relative.substring(0, relative.length() - ".class".length()), names);
			});
		}
	}

	private static void addFromJar(JarFile jar, String path, List<String> names) {
		for (JarEntry entry : Collections.list(jar.entries())) {
			String name = entry.getName();
			int start = name.indexOf(path + "/");
			if (start >= 0 && name.endsWith(".class")) {
				addIfClass(name.substring(start, name.length() - ".class".length()).replace('/', '.'), names);
			}
		}
	}

	private static void addIfClass(String className, List<String> names) {
		if (!className.endsWith("package-info") && !className.endsWith("module-info")) {
			names.add(className);
		}
	}

}
