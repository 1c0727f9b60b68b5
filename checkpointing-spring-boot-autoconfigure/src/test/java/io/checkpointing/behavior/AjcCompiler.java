package io.checkpointing.behavior;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.checkpointing.spring.weaving.WovenCheckpointAspect;
import org.aspectj.bridge.IMessage;
import org.aspectj.bridge.MessageHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compile-time weaving as a user's build does it: {@code ajc} compiles sources with the
 * autoconfigure classes (where {@link WovenCheckpointAspect} lives) as the aspect path.
 */
final class AjcCompiler {

	private AjcCompiler() {
	}

	/**
	 * @param sources the source files to compile and weave
	 * @param output the folder for the woven classes
	 * @return {@code output}
	 */
	static Path compile(List<Path> sources, Path output) throws IOException {
		Files.createDirectories(output);
		List<String> arguments = new ArrayList<>(List.of("-17", "-nowarn", "-proc:none", "-aspectpath", aspectPath(),
				"-cp", System.getProperty("java.class.path"), "-d", output.toString()));
		sources.forEach((source) -> arguments.add(source.toString()));
		MessageHandler messages = new MessageHandler(true);
		new org.aspectj.tools.ajc.Main().run(arguments.toArray(String[]::new), messages);
		assertThat(messages.getMessages(IMessage.ERROR, true)).as("ajc errors").isEmpty();
		return output;
	}

	/** Writes {@code sources} (class name to source, package {@code demo}) and compiles them. */
	static Path compile(Map<String, String> sources, Path folder) throws IOException {
		Path sourceFolder = Files.createDirectories(folder.resolve("src/demo"));
		List<Path> files = new ArrayList<>();
		for (Map.Entry<String, String> source : sources.entrySet()) {
			files.add(Files.writeString(sourceFolder.resolve(source.getKey() + ".java"), source.getValue()));
		}
		return compile(files, folder.resolve("classes"));
	}

	/** @return a class path with {@code classes} ahead of the test class path, so woven classes win */
	static String classPathWith(Path classes) {
		return classes + File.pathSeparator + System.getProperty("java.class.path");
	}

	private static String aspectPath() {
		try {
			return Path.of(WovenCheckpointAspect.class.getProtectionDomain().getCodeSource().getLocation().toURI())
				.toString();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
