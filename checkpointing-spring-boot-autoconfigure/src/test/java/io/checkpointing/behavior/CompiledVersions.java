package io.checkpointing.behavior;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.util.FileSystemUtils;

/**
 * The compiled classes of each program version the suite runs, compiled once per JVM (by javac,
 * or woven by ajc): most cases share their first version, and a version's two runs share its
 * classes. Compiled classes
 * are never changed, so the loaders that read them may share them too.
 */
final class CompiledVersions {

	private static final ConcurrentMap<String, Path> compiled = new ConcurrentHashMap<>();

	private static final Path root = createRoot();

	private CompiledVersions() {
	}

	/**
	 * @param sources class name to source, package {@code demo}
	 * @return the folder of their compiled classes
	 */
	static Path classesOf(Map<String, String> sources) {
		return compiled.computeIfAbsent(hashOf(sources), (hash) -> {
			Path classes = root.resolve(hash).resolve("classes");
			try {
				ProgramVersion.compile(sources, classes);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot compile a program version into " + classes, ex);
			}
			return classes;
		});
	}

	/**
	 * @param sources class name to source, package {@code demo}
	 * @return the folder of their classes compiled and woven by {@code ajc} ({@link AjcCompiler})
	 */
	static Path wovenClassesOf(Map<String, String> sources) {
		return compiled.computeIfAbsent("ajc-" + hashOf(sources), (name) -> {
			try {
				return AjcCompiler.compile(sources, root.resolve(name));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot weave a program version into " + root.resolve(name), ex);
			}
		});
	}

	private static String hashOf(Map<String, String> sources) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			new TreeMap<>(sources).forEach((name, source) -> {
				digest.update(name.getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
				digest.update(source.getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
			});
			return HexFormat.of().formatHex(digest.digest(), 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime provides SHA-256", ex);
		}
	}

	private static Path createRoot() {
		try {
			Path folder = Files.createTempDirectory("checkpointing-program-versions");
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					FileSystemUtils.deleteRecursively(folder);
				}
				catch (IOException ex) {
					// a temporary folder: the system cleans it eventually
				}
			}));
			return folder;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create a folder for compiled program versions", ex);
		}
	}

}
