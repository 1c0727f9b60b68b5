package io.checkpointing.reliability;

import java.nio.file.Path;

import io.checkpointing.processes.ChildProcess;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A small tmpfs mounted on a test's folder, for a file system that fills up or turns read-only.
 * Where mounting is impossible (not root, a container without the capability), the test is
 * skipped with the reason, unless {@code CHECKPOINTING_REQUIRE_SERVICES=true} (CI), where it fails.
 */
final class TmpfsMount implements AutoCloseable {

	private final Path folder;

	private TmpfsMount(Path folder) {
		this.folder = folder;
	}

	/**
	 * @param folder an empty folder to mount on
	 * @param size the size of the file system, such as {@code 1m}
	 * @return the mount
	 */
	static TmpfsMount mount(Path folder, String size) throws InterruptedException {
		String failure = run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "tmpfs", folder.toString());
		if (failure != null) {
			skipUnlessRequired("Cannot mount a tmpfs on " + folder + " (" + failure.strip() + ")");
		}
		return new TmpfsMount(folder);
	}

	/**
	 * Skips the test for a reason of the machine's, or fails it where the machine must allow it
	 * ({@code CHECKPOINTING_REQUIRE_SERVICES=true}, as on CI).
	 * @param reason what the machine does not allow
	 */
	static void skipUnlessRequired(String reason) {
		if (Boolean.parseBoolean(System.getenv("CHECKPOINTING_REQUIRE_SERVICES"))) {
			fail(reason + ", and CHECKPOINTING_REQUIRE_SERVICES=true");
		}
		assumeThat(reason).as(reason + "; skipped").isNull();
	}

	/** Makes the file system read-only; its files stay readable. */
	void remountReadOnly() throws InterruptedException {
		String failure = run("mount", "-o", "remount,ro", this.folder.toString());
		if (failure != null) {
			throw new IllegalStateException("Cannot remount " + this.folder + " read-only: " + failure);
		}
	}

	@Override
	public void close() throws InterruptedException {
		String failure = run("umount", this.folder.toString());
		if (failure != null) {
			// Busy for a moment after the last file was closed: try once more, lazily.
			run("umount", "-l", this.folder.toString());
		}
	}

	/** @return {@code null} on success, else what the command said */
	private static @Nullable String run(String... command) throws InterruptedException {
		return ChildProcess.run(command).failure();
	}

}
