package io.checkpointing.store.s3;

import java.io.FilterInputStream;
import java.io.IOException;

import io.checkpointing.store.SizedEntryStream;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * An entry as S3 sends it. Closed once it was read to its end, its connection goes back to the
 * pool; closed before (the engine stops at a damaged header, an expired entry, a local copy too
 * large to keep), its HTTP response is aborted: closing it would otherwise read and discard the
 * rest of the object, up to its last byte, only to reuse one connection.
 */
final class S3EntryStream extends FilterInputStream implements SizedEntryStream {

	private final ResponseInputStream<GetObjectResponse> response;

	private final long size;

	private long read;

	private boolean ended;

	S3EntryStream(ResponseInputStream<GetObjectResponse> response) {
		super(response);
		this.response = response;
		Long length = response.response().contentLength();
		this.size = (length != null) ? length : -1;
	}

	@Override
	public long entrySize() {
		return this.size;
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		counted((b < 0) ? -1 : 1);
		return b;
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		int n = super.read(b, off, len);
		counted(n);
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		long skipped = super.skip(n);
		this.read += skipped;
		return skipped;
	}

	@Override
	public boolean markSupported() {
		return false; // a reset would undo the count of what was read
	}

	@Override
	public void close() throws IOException {
		if (!this.ended && (this.size < 0 || this.read < this.size)) {
			this.response.abort();
		}
		super.close();
	}

	private void counted(int n) {
		if (n < 0) {
			this.ended = true;
		}
		else {
			this.read += n;
		}
	}

}
