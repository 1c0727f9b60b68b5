package io.checkpointing.store;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.checkpointing.key.CallKey;
import org.jspecify.annotations.Nullable;
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

	/** How much of a streamed entry is held to read its header before it is copied. */
	private static final int HEADER_PEEK_BYTES = 256 * 1024;

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

	/**
	 * The local copy's stream if there is one (a large copy is mapped, not read into the heap);
	 * otherwise the shared store's, copied to disk first when its header says it may be kept.
	 */
	@Override
	public Optional<InputStream> readStream(CallKey key) throws IOException {
		try {
			Optional<InputStream> copy = this.local.readStream(key);
			if (copy.isPresent()) {
				return copy;
			}
		}
		catch (IOException ex) {
			logger.debug("Cannot read the local copy in {}; reading {}", this.local.location(), this.shared.location(), ex);
		}
		Optional<InputStream> entry = this.shared.readStream(key);
		if (entry.isEmpty()) {
			return entry;
		}
		if (entry.get() instanceof ByteBufferInputStream whole) {
			copy(key, whole.unread());
			return entry;
		}
		return Optional.of(copied(key, entry.get()));
	}

	/** The local copy's header if there is one, otherwise the shared store's; nothing is copied. */
	@Override
	public Optional<ByteBuffer> readHead(CallKey key) throws IOException {
		try {
			Optional<ByteBuffer> copy = this.local.readHead(key);
			if (copy.isPresent()) {
				return copy;
			}
		}
		catch (IOException ex) {
			logger.debug("Cannot read the local copy in {}; reading {}", this.local.location(), this.shared.location(), ex);
		}
		return this.shared.readHead(key);
	}

	/**
	 * Writes the shared store and the local copy at once, without holding the entry: the copy is
	 * left out if it fails, the write fails only if the shared store's does.
	 */
	@Override
	public void writeStream(CallKey key, EntryWriter entry) throws IOException {
		AtomicBoolean sharedWritten = new AtomicBoolean();
		AtomicBoolean sharedTried = new AtomicBoolean();
		try {
			this.local.writeStream(key, (localOut) -> {
				sharedTried.set(true);
				CopyingOutputStream[] copying = new CopyingOutputStream[1];
				this.shared.writeStream(key, (sharedOut) -> {
					copying[0] = new CopyingOutputStream(sharedOut, localOut);
					entry.writeTo(copying[0]);
				});
				sharedWritten.set(true);
				IOException localFailure = (copying[0] != null) ? copying[0].localFailure() : null;
				if (localFailure != null) {
					throw localFailure; // the local copy is incomplete: not kept
				}
			});
		}
		catch (IOException ex) {
			if (sharedTried.get() && !sharedWritten.get()) {
				throw ex;
			}
			logger.debug("No local copy of an entry of {} in {}: {}", this.shared.location(), this.local.location(),
					ex.getMessage());
			if (!sharedTried.get()) {
				this.shared.writeStream(key, entry); // the local store failed before the entry was written anywhere
			}
			return;
		}
		dropIfNotKept(key);
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

	/**
	 * The shared store's entries, then the local copies it no longer holds (evicted by the store
	 * itself, by a lifecycle rule or by another instance): listed, they are evicted and pruned
	 * like the others instead of being served on.
	 */
	@Override
	public Stream<StoredEntry> list() throws IOException {
		List<StoredEntry> shared;
		try (Stream<StoredEntry> entries = this.shared.list()) {
			shared = entries.toList();
		}
		Set<CallKey> sharedKeys = shared.stream().map(StoredEntry::key).collect(Collectors.toSet());
		// Closing the result closes the local listing too.
		return Stream.concat(shared.stream(), this.local.list().filter((entry) -> !sharedKeys.contains(entry.key())));
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

	/**
	 * Copies a streamed entry to the local store and returns the copy's stream, if its header
	 * reads within {@link #HEADER_PEEK_BYTES}, it may be kept, and it fits the local limit;
	 * otherwise returns the shared store's stream as it was. Whether it fits is known before it
	 * is read when the shared store tells its size ({@link SizedEntryStream}, as S3 and JDBC do),
	 * so a larger entry is read once, by the engine; from a store that does not, the copy is
	 * tried, and the entry read again if the limit stops it.
	 */
	private InputStream copied(CallKey key, InputStream entry) throws IOException {
		if (entry instanceof SizedEntryStream sized && sized.entrySize() > this.local.maxSize()) {
			return entry;
		}
		BufferedInputStream peeked = new BufferedInputStream(entry, HEADER_PEEK_BYTES);
		peeked.mark(HEADER_PEEK_BYTES);
		EntryHeader header;
		try {
			header = EntryFormat.readHeader(peeked);
			peeked.reset();
		}
		catch (DamagedEntryException | IOException ex) {
			return reopened(key, peeked); // the engine finds out what is wrong with it when it reads it
		}
		if (!this.keepLocally.test(header)) {
			return peeked;
		}
		try (InputStream in = peeked) {
			this.local.writeStream(key, in::transferTo);
		}
		catch (IOException ex) {
			logger.debug("No local copy of an entry of {} in {}: {}", this.shared.location(), this.local.location(),
					ex.getMessage());
			return reopened(key, null);
		}
		Optional<InputStream> copy = this.local.readStream(key);
		return copy.isPresent() ? copy.get() : reopened(key, null);
	}

	/** The shared store's stream again, after a partly read one could not be rewound. */
	private InputStream reopened(CallKey key, @Nullable InputStream consumed) throws IOException {
		if (consumed != null) {
			try {
				consumed.reset();
				return consumed;
			}
			catch (IOException ex) {
				consumed.close();
			}
		}
		return this.shared.readStream(key).orElseGet(InputStream::nullInputStream);
	}

	/** The copy of a written entry that may not be kept is deleted again; it was read from the disk just written. */
	private void dropIfNotKept(CallKey key) {
		try {
			Optional<InputStream> copy = this.local.readStream(key);
			if (copy.isPresent()) {
				boolean keep;
				try (InputStream in = copy.get()) {
					keep = this.keepLocally.test(EntryFormat.readHeader(in));
				}
				catch (DamagedEntryException ex) {
					keep = false;
				}
				if (!keep) {
					this.local.delete(key);
				}
			}
		}
		catch (IOException ex) {
			logger.debug("Cannot check the local copy in {}: {}", this.local.location(), ex.getMessage());
		}
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
