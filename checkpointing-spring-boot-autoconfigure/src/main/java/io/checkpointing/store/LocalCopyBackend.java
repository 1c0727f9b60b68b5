package io.checkpointing.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.checkpointing.key.CallKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A copy on local disk of what this process reads from or writes to a shared store, read first:
 * a result this machine has seen once is read from its own disk after that. The copy is a cache
 * of the shared store, bounded by its directory's size limit (least recently used entries go
 * first) and safe to delete at any time.
 *
 * <p>What the copy returns goes through the engine's checks like anything a store returns (the
 * checksum, the key an entry was written for, the signature): a copy altered or moved on disk is
 * refused, deleted from both stores and computed again. Only entries whose header reads and that
 * {@code keepLocally} accepts are copied; entries that change in place, such as data versions,
 * stay in the shared store alone.
 *
 * <p>Locks and listings are the shared store's, so every process sees the same entries and
 * computes each key once; deleting and clearing act on both. The local copy failing (a full or
 * read-only disk) never fails a call: the shared store is used as if there were no copy. Whoever
 * made the local store closes it.
 */
public final class LocalCopyBackend implements CacheBackend {

	private static final Logger logger = LoggerFactory.getLogger(LocalCopyBackend.class);

	private final FilesystemBackend local;

	private final CacheBackend shared;

	private final Predicate<EntryHeader> keepLocally;

	/**
	 * @param local where the copies are kept, with its size limit
	 * @param shared the store the copies are of
	 * @param keepLocally which entries may be copied, by their header
	 */
	public LocalCopyBackend(FilesystemBackend local, CacheBackend shared, Predicate<EntryHeader> keepLocally) {
		this.local = local;
		this.shared = shared;
		this.keepLocally = keepLocally;
	}

	/** @return the store that holds the copies */
	public FilesystemBackend local() {
		return this.local;
	}

	/** @return the store the copies are of */
	public CacheBackend shared() {
		return this.shared;
	}

	@Override
	public Optional<ByteBuffer> read(CallKey key) throws IOException {
		try {
			Optional<ByteBuffer> copy = this.local.read(key);
			if (copy.isPresent()) {
				return copy;
			}
		}
		catch (IOException ex) {
			logger.debug("Cannot read the local copy in {}; reading {}", this.local.location(), this.shared.location(), ex);
		}
		Optional<ByteBuffer> entry = this.shared.read(key);
		if (entry.isPresent()) {
			copy(key, entry.get());
		}
		return entry;
	}

	@Override
	public void write(CallKey key, ByteBuffer entry) throws IOException {
		this.shared.write(key, entry.duplicate());
		copy(key, entry);
	}

	/** Deletes from both stores, the second even if the first fails. */
	@Override
	public boolean delete(CallKey key) throws IOException {
		boolean deletedLocally;
		try {
			deletedLocally = this.local.delete(key);
		}
		catch (IOException ex) {
			this.shared.delete(key);
			throw ex;
		}
		return this.shared.delete(key) || deletedLocally;
	}

	@Override
	public Stream<StoredEntry> list() throws IOException {
		return this.shared.list();
	}

	@Override
	public void clear() throws IOException {
		try {
			this.local.clear();
		}
		finally {
			this.shared.clear();
		}
	}

	@Override
	public Optional<KeyLock> tryLock(CallKey key) throws IOException {
		return this.shared.tryLock(key);
	}

	@Override
	public String location() {
		return this.shared.location() + " with a local copy in " + this.local.location();
	}

	private void copy(CallKey key, ByteBuffer entry) {
		try {
			EntryHeader header = EntryFormat.readHeader(new ByteBufferInputStream(entry.duplicate()));
			if (this.keepLocally.test(header)) {
				this.local.write(key, entry.duplicate());
			}
		}
		catch (DamagedEntryException ex) {
			// Not copied: the engine finds out what is wrong with it when it reads it.
		}
		catch (IOException ex) {
			logger.debug("No local copy of an entry of {} in {}: {}", this.shared.location(), this.local.location(),
					ex.getMessage());
		}
	}

}
