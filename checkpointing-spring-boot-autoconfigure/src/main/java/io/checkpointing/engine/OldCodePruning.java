package io.checkpointing.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.checkpointing.CheckpointException;
import io.checkpointing.Pruned;
import io.checkpointing.key.KeyComponent;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.EntryHeader;
import io.checkpointing.store.StoredEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the entries that earlier code of known methods left behind, through the backend's
 * {@link CacheBackend#list() list} and {@link CacheBackend#delete delete} alone, so it works for
 * every backend.
 *
 * <p>An entry names its method and records the parts of its key: the fingerprint of the method's
 * code (its first {@code CODE} component, the checkpointed method's own) or, for a method with a
 * {@code version}, the fingerprint combined with it (its {@code VERSION} component). An entry is
 * removed only when both are certain: its method's name is the name of a method known now, and
 * its fingerprint is none of the current fingerprints of the methods of that name (overloads and
 * classes of the same simple name share a name). Everything else is kept: entries of methods this
 * application does not have (another application's, a renamed or removed method's), entries
 * without a code fingerprint (a {@code KeyStrategy}'s, data versions), and every entry of a name
 * one of whose methods cannot be fingerprinted now.
 */
final class OldCodePruning {

	private static final Logger logger = LoggerFactory.getLogger(CheckpointEngine.class);

	private final CacheBackend backend;

	private final CallIdentifier identifier;

	private final Supplier<Collection<CheckpointedMethod>> known;

	/**
	 * @param known the methods known now: those declared at startup and those called since
	 */
	OldCodePruning(CacheBackend backend, CallIdentifier identifier, Supplier<Collection<CheckpointedMethod>> known) {
		this.backend = backend;
		this.identifier = identifier;
		this.known = known;
	}

	Pruned prune() {
		Map<String, Set<Long>> current = currentFingerprints();
		List<StoredEntry> old = new ArrayList<>();
		// Listed first, deleted after: a store may hold the listing's connection open meanwhile.
		try (Stream<StoredEntry> entries = this.backend.list()) {
			entries.filter((entry) -> isOfOldCode(entry.header(), current)).forEach(old::add);
		}
		catch (IOException | UncheckedIOException ex) {
			throw new CheckpointException("Cannot list the entries in " + this.backend.location() + " to prune them: "
					+ ex.getMessage(), ex);
		}
		int removed = 0;
		long bytes = 0;
		Map<String, Integer> byMethod = new TreeMap<>();
		for (StoredEntry entry : old) {
			try {
				if (this.backend.delete(entry.key())) {
					removed++;
					bytes += entry.size();
					byMethod.merge(entry.header().methodName(), 1, Integer::sum);
				}
			}
			catch (IOException ex) {
				throw new CheckpointException("Cannot prune " + entry.key() + " of " + entry.header().methodName()
						+ " from " + this.backend.location() + ": " + ex.getMessage(), ex);
			}
		}
		if (removed > 0) {
			logger.info("Pruned {} entries of old code ({} bytes) from {}: {}", removed, bytes, this.backend.location(),
					byMethod);
		}
		else {
			logger.debug("No entries of old code in {}", this.backend.location());
		}
		return new Pruned(removed, bytes, byMethod);
	}

	/**
	 * @return per method name, the fingerprints of its methods now, as entries record them; a name
	 * that has a method without one (keyed by a strategy, or whose code cannot be read) is left out
	 */
	private Map<String, Set<Long>> currentFingerprints() {
		Map<String, Set<Long>> current = new HashMap<>();
		Set<String> undecided = new HashSet<>();
		for (CheckpointedMethod method : this.known.get()) {
			byte[] fingerprint;
			try {
				fingerprint = this.identifier.fingerprintOf(method);
			}
			catch (RuntimeException | LinkageError ex) {
				logger.debug("Entries of {} are not pruned: its code cannot be fingerprinted now ({})", method.name(),
						ex.toString());
				fingerprint = null;
			}
			if (fingerprint == null) {
				undecided.add(method.name());
			}
			else {
				// As KeyComponent.of keeps a digest: its first 64 bits.
				current.computeIfAbsent(method.name(), (name) -> new HashSet<>()).add(ByteBuffer.wrap(fingerprint).getLong());
			}
		}
		undecided.forEach(current::remove);
		return current;
	}

	private static boolean isOfOldCode(EntryHeader header, Map<String, Set<Long>> current) {
		Set<Long> fingerprints = current.get(header.methodName());
		if (fingerprints == null) {
			return false;
		}
		OptionalLong written = fingerprintOf(header);
		return written.isPresent() && !fingerprints.contains(written.getAsLong());
	}

	/**
	 * @return the code fingerprint an entry's key was made with, as its header records it, or
	 * empty if its key holds none
	 */
	private static OptionalLong fingerprintOf(EntryHeader header) {
		for (KeyComponent component : header.components()) {
			if (component.kind() == KeyComponent.Kind.VERSION) {
				return OptionalLong.of(component.hash());
			}
		}
		for (KeyComponent component : header.components()) {
			if (component.kind() == KeyComponent.Kind.CODE) {
				// The checkpointed method's own code comes first among the methods reached.
				return OptionalLong.of(component.hash());
			}
		}
		return OptionalLong.empty();
	}

}
