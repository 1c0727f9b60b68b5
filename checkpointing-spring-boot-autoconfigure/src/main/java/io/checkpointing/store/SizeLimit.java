package io.checkpointing.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The most bytes the entries of a {@link FilesystemBackend} may take, and which entries go first
 * when they take more: the least recently used. A hit only records its time in memory (and, once
 * a minute per entry, asks for the file's modification time to be set, so that other processes and
 * later runs see the use too); the entries to delete are chosen in the background.
 */
final class SizeLimit {

	/** Eviction goes below the limit by this share, so that not every later write evicts again. */
	static final double LOW_WATER_MARK = 0.9;

	private static final long TOUCH_INTERVAL_MILLIS = 60_000;

	private final long maxBytes;

	/** The size measured by the last sweep plus what this process wrote since: an upper bound. */
	private final AtomicLong estimatedBytes = new AtomicLong();

	private final ConcurrentMap<Path, Use> uses = new ConcurrentHashMap<>();

	/**
	 * @param maxBytes the most bytes the entries may take; {@link Long#MAX_VALUE} for no limit
	 */
	SizeLimit(long maxBytes) {
		if (maxBytes <= 0) {
			throw new IllegalArgumentException("maxSize must be positive, was " + maxBytes + " bytes");
		}
		this.maxBytes = maxBytes;
	}

	boolean isBounded() {
		return this.maxBytes != Long.MAX_VALUE;
	}

	long maxBytes() {
		return this.maxBytes;
	}

	/**
	 * @param entryBytes the size of an entry about to be written
	 * @param directory the store's directory, for the message
	 * @throws IOException if the entry alone exceeds the limit; the message leaves out the entry's
	 * size, so that the engine warns once per method however the sizes vary
	 */
	void requireFits(long entryBytes, Path directory) throws IOException {
		if (entryBytes > this.maxBytes) {
			throw new IOException("the entry is larger than the size limit of " + directory + " ("
					+ this.maxBytes + " bytes, checkpointing.filesystem.max-size), so it is not stored; raise the limit"
					+ " to store results this large");
		}
	}

	/**
	 * Records a hit.
	 * @param entry the entry's file
	 * @return whether its modification time should be set now
	 */
	boolean used(Path entry) {
		long now = System.currentTimeMillis();
		Use use = this.uses.computeIfAbsent(entry, (file) -> new Use());
		use.lastUsed = now;
		if (now - use.lastTouched >= TOUCH_INTERVAL_MILLIS) {
			use.lastTouched = now;
			return true;
		}
		return false;
	}

	/**
	 * Records a write.
	 * @param entry the entry's file
	 * @param bytes its size
	 * @return whether the store may now exceed the limit
	 */
	boolean written(Path entry, long bytes) {
		this.uses.computeIfAbsent(entry, (file) -> new Use()).lastUsed = System.currentTimeMillis();
		return this.estimatedBytes.addAndGet(bytes) > this.maxBytes;
	}

	/**
	 * Chooses the entries to delete, least recently used first, and forgets the uses of entries
	 * that are gone.
	 * @param entries every entry in the store now
	 * @return the entries to delete to get below the low-water mark, oldest use first; empty while
	 * the store is within its limit
	 */
	List<MeasuredEntry> measured(List<MeasuredEntry> entries) {
		long total = 0;
		for (MeasuredEntry entry : entries) {
			total += entry.bytes();
		}
		this.estimatedBytes.set(total);
		this.uses.keySet().retainAll(entries.stream().map(MeasuredEntry::file).collect(java.util.stream.Collectors.toSet()));
		if (total <= this.maxBytes) {
			return List.of();
		}
		List<MeasuredEntry> byLastUse = new ArrayList<>(entries);
		byLastUse.sort(Comparator.comparingLong(this::lastUsed));
		long target = (long) (this.maxBytes * LOW_WATER_MARK);
		List<MeasuredEntry> evicted = new ArrayList<>();
		for (MeasuredEntry entry : byLastUse) {
			if (total <= target) {
				break;
			}
			evicted.add(entry);
			total -= entry.bytes();
		}
		return evicted;
	}

	/** @param entry an entry that was deleted */
	void evicted(MeasuredEntry entry) {
		this.estimatedBytes.addAndGet(-entry.bytes());
		this.uses.remove(entry.file());
	}

	private long lastUsed(MeasuredEntry entry) {
		Use use = this.uses.get(entry.file());
		return (use != null) ? Math.max(use.lastUsed, entry.modifiedMillis()) : entry.modifiedMillis();
	}

	/**
	 * An entry file as a sweep found it.
	 * @param file the file
	 * @param bytes its size
	 * @param modifiedMillis its modification time, the time of its last write or recorded use
	 */
	record MeasuredEntry(Path file, long bytes, long modifiedMillis) {

	}

	private static final class Use {

		volatile long lastUsed;

		volatile long lastTouched = Long.MIN_VALUE / 2;

	}

}
