package io.checkpointing.spring.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import io.checkpointing.key.CallKey;
import io.checkpointing.key.KeyComponent;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.EntryFormat;
import io.checkpointing.store.EntryHeader;
import io.checkpointing.store.StoredEntry;

/**
 * Entries as earlier code leaves them in a store: the entry of a method whose code fingerprint is
 * another than its code's now, and entries pruning must keep (another application's method, a
 * key made by a {@code KeyStrategy}).
 */
final class OldCodeEntries {

	private OldCodeEntries() {
	}

	/**
	 * @return the key of an entry of {@code method} written under the code fingerprint
	 * {@code oldFingerprint}, as its earlier code wrote it
	 */
	static CallKey plantOldCode(CacheBackend backend, String method, long oldFingerprint) throws IOException {
		return plant(backend, method, List.of(new KeyComponent(KeyComponent.Kind.CODE, method, oldFingerprint),
				new KeyComponent(KeyComponent.Kind.ARGUMENT, "0 value", 7)));
	}

	/**
	 * @return the key of an entry as the current code of a stored entry's method writes it: the
	 * same fingerprint, another argument
	 */
	static CallKey plantCurrentCode(CacheBackend backend, StoredEntry current) throws IOException {
		List<KeyComponent> components = new ArrayList<>();
		for (KeyComponent component : current.header().components()) {
			components.add((component.kind() == KeyComponent.Kind.ARGUMENT)
					? new KeyComponent(component.kind(), component.name(), component.hash() + 1) : component);
		}
		return plant(backend, current.header().methodName(), components);
	}

	/** @return the key of an entry whose key a {@code KeyStrategy} made: no code in it */
	static CallKey plantByStrategy(CacheBackend backend, String method) throws IOException {
		return plant(backend, method, List.of(new KeyComponent(KeyComponent.Kind.CONTRIBUTION, "key strategy", 3)));
	}

	static CallKey plant(CacheBackend backend, String method, List<KeyComponent> components) throws IOException {
		byte[] digest = new byte[32];
		ThreadLocalRandom.current().nextBytes(digest);
		CallKey key = CallKey.fromHex(HexFormat.of().formatHex(digest));
		EntryHeader header = new EntryHeader("json", method, Instant.now(), Duration.ofMillis(3), "planted", 0,
				components);
		backend.write(key, EntryFormat.encode(key, header, (out) -> out.write("49".getBytes(StandardCharsets.UTF_8))));
		return key;
	}

	/** @return the stored entries by key */
	static Map<CallKey, StoredEntry> entries(CacheBackend backend) throws IOException {
		Map<CallKey, StoredEntry> entries = new TreeMap<>((a, b) -> a.hex().compareTo(b.hex()));
		try (Stream<StoredEntry> listed = backend.list()) {
			listed.forEach((entry) -> entries.put(entry.key(), entry));
		}
		return entries;
	}

	/** @return the entries of one method */
	static List<StoredEntry> entriesOf(CacheBackend backend, String method) throws IOException {
		return entries(backend).values().stream().filter((entry) -> entry.header().methodName().equals(method)).toList();
	}

}
