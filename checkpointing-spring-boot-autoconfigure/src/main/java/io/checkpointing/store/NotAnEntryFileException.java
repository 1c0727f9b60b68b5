package io.checkpointing.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Something other than a regular file is at an entry's path, or its folder is a link: a
 * symbolic link, a FIFO, a device, a folder. It is not opened (a FIFO would block the call, a link
 * could lead out of the directory) and is handled like a damaged entry: the call is a miss, and the
 * result stored next for its key replaces it. The message is alike for every entry, so that the
 * engine warns once per method; the path is in {@link #path()}.
 */
public final class NotAnEntryFileException extends IOException {

	private static final long serialVersionUID = 1L;

	private final transient Path path;

	NotAnEntryFileException(Path directory, Path path, String what) {
		super("the checkpoint directory " + directory + " holds " + what + " where an entry belongs; it is not opened"
				+ " nor followed, and the next result stored for its key replaces it");
		this.path = path;
	}

	/**
	 * @return what is at the entry's path
	 */
	public Path path() {
		return this.path;
	}

}
