package io.checkpointing.behavior;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Runs a program's {@code main} in this JVM, as a fresh JVM would: its classes come from a class
 * loader of their own (so the code fingerprint reads them afresh, and no static state of an
 * earlier run is left in them), and its {@code main} starts and closes an application context of
 * its own. Everything else (Spring, checkpointing, the JDK) comes from the test class path.
 *
 * <p>The program is either a compiled version of the behavior suite ({@code demo.Main} in a
 * folder of its own, {@link #run(Path, List)}) or a program of the test sources whose package is
 * loaded afresh ({@link #run(Class, List)}).
 *
 * <p>One program runs at a time: what it prints is captured by replacing {@code System.out} and
 * {@code System.err}, which belong to the whole JVM. So do the log levels, which its Spring Boot
 * sets ({@code logging.level.root=WARN}): they are put back afterwards, for the tests that follow.
 */
final class ProgramInThisJvm {

	private static final Object ONE_AT_A_TIME = new Object();

	private ProgramInThisJvm() {
	}

	/**
	 * Runs {@code demo.Main} of a compiled program version, the test class path holding no class of
	 * package {@code demo}.
	 * @param classes the folder of the version's compiled classes
	 * @param arguments the program's arguments
	 * @return what it printed, one entry per non-blank line
	 * @throws AssertionError if its {@code main} throws, with what it printed
	 */
	static List<String> run(Path classes, List<String> arguments) throws IOException {
		try (URLClassLoader loader = new URLClassLoader("program " + classes.getFileName(),
				new URL[] { classes.toUri().toURL() }, ProgramInThisJvm.class.getClassLoader())) {
			return run(loader, "demo.Main", arguments);
		}
	}

	/**
	 * Runs a program of the test sources, every class of its package loaded afresh
	 * ({@link PackageLoader}).
	 * @param mainClass the program's class with the {@code main}
	 * @param arguments the program's arguments
	 * @return what it printed, one entry per non-blank line
	 * @throws AssertionError if its {@code main} throws, with what it printed
	 */
	static List<String> run(Class<?> mainClass, List<String> arguments) throws IOException {
		try (PackageLoader loader = new PackageLoader(mainClass)) {
			return run(loader, mainClass.getName(), arguments);
		}
	}

	private static List<String> run(ClassLoader loader, String mainClass, List<String> arguments) {
		synchronized (ONE_AT_A_TIME) {
			ByteArrayOutputStream printed = new ByteArrayOutputStream();
			try (PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
				runMain(loader, mainClass, arguments, capture, printed);
			}
			return printed.toString(StandardCharsets.UTF_8).lines().filter((line) -> !line.isBlank()).toList();
		}
	}

	private static void runMain(ClassLoader loader, String mainClass, List<String> arguments, PrintStream capture,
			ByteArrayOutputStream printed) {
		Map<Logger, Level> logLevels = logLevels();
		PrintStream out = System.out;
		PrintStream err = System.err;
		Thread thread = Thread.currentThread();
		ClassLoader contextLoader = thread.getContextClassLoader();
		System.setOut(capture);
		System.setErr(capture);
		// Spring Boot finds the program's components and resources through the context class loader.
		thread.setContextClassLoader(loader);
		try {
			Method main = loader.loadClass(mainClass).getMethod("main", String[].class);
			main.invoke(null, (Object) arguments.toArray(String[]::new));
		}
		catch (InvocationTargetException ex) {
			throw new AssertionError(mainClass + " failed; it printed:\n" + printed.toString(StandardCharsets.UTF_8),
					ex.getCause());
		}
		catch (ReflectiveOperationException ex) {
			throw new AssertionError("The program has no public static void main in " + mainClass, ex);
		}
		finally {
			thread.setContextClassLoader(contextLoader);
			System.setOut(out);
			System.setErr(err);
			restore(logLevels);
		}
	}

	private static Map<Logger, Level> logLevels() {
		Map<Logger, Level> levels = new HashMap<>();
		for (Logger logger : loggerContext().getLoggerList()) {
			levels.put(logger, logger.getLevel());
		}
		return levels;
	}

	/** Each logger gets its level back; those the program created get none, so they inherit again. */
	private static void restore(Map<Logger, Level> levels) {
		for (Logger logger : loggerContext().getLoggerList()) {
			logger.setLevel(levels.get(logger));
		}
	}

	private static LoggerContext loggerContext() {
		return (LoggerContext) LoggerFactory.getILoggerFactory();
	}

}
