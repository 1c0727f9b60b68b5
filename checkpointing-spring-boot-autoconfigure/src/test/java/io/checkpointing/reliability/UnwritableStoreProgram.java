package io.checkpointing.reliability;

import java.nio.file.Path;

import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.engine.EngineCalls;
import io.checkpointing.store.FilesystemBackend;

/**
 * Calls {@link Texts#repeat} twice through an engine whose store is the directory given as the
 * only argument, under the default policy (warn), and prints each result and the number of runs:
 * run as a user who may not use that directory.
 */
public final class UnwritableStoreProgram {

	private UnwritableStoreProgram() {
	}

	public static void main(String[] args) throws Throwable {
		Texts texts = new Texts();
		EngineCalls calls = new EngineCalls(
				CheckpointEngine.builder().backend(new FilesystemBackend(Path.of(args[0]))).build());
		System.out.println("result: " + calls.call(texts, "repeat", "ab", 2));
		System.out.println("result: " + calls.call(texts, "repeat", "ab", 2));
		System.out.println("runs: " + texts.runs());
	}

}
