package io.checkpointing.behavior;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * javac for the program versions of the behavior suite, with one file manager for all of them.
 * A javac started afresh for each version (as {@code JavaCompiler.run} does) reads the manifest
 * of every jar of the test class path and opens and indexes each jar again: that was most of the
 * time of a compile, and the suite compiles about a hundred versions per fork. The file manager
 * keeps the class path and its opened jars; each compile still has a javac task (symbol tables,
 * classes read) of its own, and its own output folder.
 */
final class SharedJavac {

	private static final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();

	private static final StandardJavaFileManager fileManager = createFileManager();

	private SharedJavac() {
	}

	/**
	 * Compiles {@code files} into {@code classes}, one compile at a time (the file manager's
	 * output folder is set for each).
	 * @throws AssertionError if javac fails, with its messages
	 */
	static synchronized void compile(List<Path> files, Path classes) throws IOException {
		fileManager.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
		StringWriter errors = new StringWriter();
		boolean compiled = compiler
			.getTask(errors, fileManager, null, List.of("-proc:none", "-nowarn"), null,
					fileManager.getJavaFileObjectsFromPaths(files))
			.call();
		assertThat(compiled).as(errors.toString()).isTrue();
	}

	private static StandardJavaFileManager createFileManager() {
		StandardJavaFileManager manager = compiler.getStandardFileManager(null, null, null);
		try {
			manager.setLocationFromPaths(StandardLocation.CLASS_PATH,
					Stream.of(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of).toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot set javac's class path", ex);
		}
		// The JVM's end closes the jars it keeps open.
		return manager;
	}

}
