package io.checkpointing.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SpooledPayloadTest {

	@TempDir
	Path directory;

	@Test
	void tellsTheBytesLeftInTheSpooledFileAsTheyAreReadAndSkipped() throws IOException {
		Path spooled = Files.write(this.directory.resolve("payload"), new byte[100_000]);
		try (SpooledPayload payload = new SpooledPayload(spooled)) {
			assertThat(payload.remainingBytes()).isEqualTo(100_000);
			payload.read();
			assertThat(payload.remainingBytes()).isEqualTo(99_999);
			assertThat(payload.read(new byte[10_000], 0, 10_000)).isPositive();
			long afterRead = payload.remainingBytes();
			assertThat(afterRead).isLessThan(99_999);
			long skipped = payload.skip(5_000);
			assertThat(payload.remainingBytes()).isEqualTo(afterRead - skipped);
			payload.readAllBytes();
			assertThat(payload.remainingBytes()).isZero();
			assertThat(payload.read()).isEqualTo(-1);
			assertThat(payload.remainingBytes()).isZero();
		}
	}

}
