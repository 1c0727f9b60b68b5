package io.checkpointing.store.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An entry's stream from S3, over a body that behaves as the SDK's HTTP clients' do: closed, it
 * reads the rest of the response to reuse the connection; aborted, it drops the connection.
 */
class S3EntryStreamTest {

	private static final int SIZE = 1024 * 1024;

	@Test
	void closedBeforeItsEndTheResponseIsAbortedNotReadToItsEnd() throws IOException {
		HttpBody body = new HttpBody(SIZE);
		try (InputStream entry = entry(body)) {
			entry.readNBytes(100);
		}
		assertThat(body.aborted).as("aborted").isTrue();
		assertThat(body.consumed()).as("nothing read after the first 100 bytes").isEqualTo(100);
	}

	@Test
	void closedAtItsEndTheConnectionIsKept() throws IOException {
		HttpBody body = new HttpBody(SIZE);
		try (InputStream entry = entry(body)) {
			assertThat(entry.readNBytes(SIZE)).hasSize(SIZE);
		}
		assertThat(body.aborted).as("not aborted: the connection goes back to the pool").isFalse();
		assertThat(body.closed).isTrue();
	}

	@Test
	void itTellsTheEntrysSizeBeforeItIsRead() {
		assertThat(entry(new HttpBody(SIZE)).entrySize()).isEqualTo(SIZE);
	}

	private static S3EntryStream entry(HttpBody body) {
		return new S3EntryStream(new ResponseInputStream<>(GetObjectResponse.builder().contentLength((long) SIZE).build(),
				AbortableInputStream.create(body, () -> body.aborted = true)));
	}

	/** A response body: closing it drains what is left, unless it was aborted. */
	private static final class HttpBody extends ByteArrayInputStream {

		volatile boolean aborted;

		boolean closed;

		HttpBody(int size) {
			super(new byte[size]);
		}

		int consumed() {
			return this.pos;
		}

		@Override
		public void close() {
			if (!this.aborted) {
				skip(available());
			}
			this.closed = true;
		}

	}

}
