package io.checkpointing.reliability;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import io.checkpointing.key.CallKey;
import io.checkpointing.store.FilesystemBackend;
import io.checkpointing.store.KeyLock;

/**
 * Holds a lock until a line arrives on its standard input (or it is killed), then exits.
 * Arguments: {@code file <path>} locks a file, as a live writer locks its temporary file;
 * {@code key <directory> <hex>} takes a key's lock through {@link FilesystemBackend#tryLock}. Prints
 * {@code locked} once it holds the lock, or {@code busy} if someone else does.
 */
public final class LockHolderProgram {

	private LockHolderProgram() {
	}

	public static void main(String[] args) throws Exception {
		if (args[0].equals("file")) {
			try (FileChannel channel = FileChannel.open(Path.of(args[1]), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE)) {
				channel.lock();
				holdUntilTold();
			}
		}
		else {
			Optional<KeyLock> lock = new FilesystemBackend(Path.of(args[1])).tryLock(CallKey.fromHex(args[2]));
			if (lock.isEmpty()) {
				System.out.println("busy");
				return;
			}
			try (KeyLock held = lock.get()) {
				holdUntilTold();
			}
		}
	}

	private static void holdUntilTold() throws Exception {
		System.out.println("locked");
		new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
	}

}
