package io.checkpointing.reliability;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a child JVM as another user, for a store the process may not use (root ignores file
 * permissions, so a test run as root needs another user to see them at work).
 */
final class OtherUser {

	private OtherUser() {
	}

	/** @return the words that run a command as the user, with no supplementary groups */
	static List<String> command(String user, String group) {
		return List.of("setpriv", "--reuid=" + user, "--regid=" + group, "--clear-groups");
	}

	/**
	 * The test class path, readable by any user: the jars (which may sit in a home directory
	 * others may not enter) are linked or copied into {@code folder}.
	 * @return the class path
	 */
	static String readableClassPath(Path folder) throws IOException {
		Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
		List<String> entries = new ArrayList<>();
		int index = 0;
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			Path source = Path.of(entry);
			if (Files.isDirectory(source)) {
				entries.add(source.toString());
				continue;
			}
			Path copy = folder.resolve((index++) + "-" + source.getFileName());
			if (source.getFileSystem().supportedFileAttributeViews().contains("posix")
					&& Files.getPosixFilePermissions(source).contains(PosixFilePermission.OTHERS_READ)) {
				// A hard link shares the file's permissions, which already let others read it.
				try {
					Files.createLink(copy, source);
					entries.add(copy.toString());
					continue;
				}
				catch (IOException | UnsupportedOperationException ex) {
					// another file system: copy it
				}
			}
			Files.copy(source, copy);
			Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
			entries.add(copy.toString());
		}
		return String.join(File.pathSeparator, entries);
	}

}
