package io.checkpointing.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;

/**
 * Creates the checkpoint directory, its folders and files, owner-only where the file system has
 * POSIX permissions, with a {@code .gitignore} that keeps entries out of version control; again
 * when the directory was deleted while the application runs. A directory or folder that exists
 * keeps its permissions.
 */
final class OwnerOnlyFiles {

	private static final Set<PosixFilePermission> FOLDER_PERMISSIONS = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");

	/** How many times a file is tried in a folder that keeps disappearing. */
	private static final int FOLDER_ATTEMPTS = 4;

	private final Path directory;

	private final boolean posix;

	private volatile boolean prepared;

	/**
	 * @param directory the checkpoint directory, absolute
	 */
	OwnerOnlyFiles(Path directory) {
		this.directory = directory;
		this.posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

	/**
	 * Creates the directory and its {@code .gitignore} the first time.
	 * @throws IOException if the directory is a file or cannot be created
	 */
	void prepareOnce() throws IOException {
		if (!this.prepared) {
			prepare();
		}
	}

	/**
	 * Creates (or opens) a file for writing, owner-only, and the directory and folder above it if
	 * they are missing, also when the directory was deleted after the first write.
	 */
	FileChannel createOwnerOnly(Path file, StandardOpenOption create) throws IOException {
		Set<StandardOpenOption> options = Set.of(create, StandardOpenOption.WRITE);
		for (int attempt = 1;; attempt++) {
			try {
				return FileChannel.open(file, options, ownerOnly(FILE_PERMISSIONS));
			}
			catch (NoSuchFileException ex) {
				// A folder is removed once its last entry is deleted (EntryFiles.removeFolderIfEmpty), possibly
				// again between our creating it and opening the file: try again, a few times.
				if (attempt == FOLDER_ATTEMPTS) {
					throw ex;
				}
				prepare();
				// A key's file is in a folder of the store's directory.
				createFolder(Objects.requireNonNull(file.getParent()));
			}
		}
	}

	private FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
		return this.posix ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(permissions) }
				: new FileAttribute<?>[0];
	}

	private void prepare() throws IOException {
		if (Files.exists(this.directory) && !Files.isDirectory(this.directory)) {
			throw new IOException("The checkpoint directory " + this.directory + " is a file, not a directory;"
					+ " set checkpointing.directory to another path or remove the file");
		}
		if (!Files.isDirectory(this.directory)) {
			Path parent = this.directory.getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			createFolder(this.directory);
		}
		Path gitignore = this.directory.resolve(".gitignore");
		if (!Files.exists(gitignore)) {
			try {
				// Owner-only like every file in the directory: created with its permissions, not chmod-ed after.
				try (FileChannel channel = FileChannel.open(gitignore,
						Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(FILE_PERMISSIONS))) {
					channel.write(StandardCharsets.UTF_8
						.encode("# Created by checkpointing: stored results are not source.\n*\n"));
				}
			}
			catch (FileAlreadyExistsException ex) {
				// another thread or process wrote it first
			}
		}
		this.prepared = true;
	}

	/** Creates a folder owner-only; one that exists is left as it is. */
	private void createFolder(Path folder) throws IOException {
		try {
			Files.createDirectory(folder, ownerOnly(FOLDER_PERMISSIONS));
		}
		catch (FileAlreadyExistsException ex) {
			if (!Files.isDirectory(folder)) {
				throw new IOException(folder + " in the checkpoint directory is a file, not a folder; remove it", ex);
			}
		}
	}

}
