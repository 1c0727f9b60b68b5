package io.checkpointing.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.checkpointing.key.KeyComponent;
import io.checkpointing.store.StoredEntry;

/**
 * Says why a call missed: what differs between its key's components and those of the nearest
 * earlier entry of the same method, the one that shares the most components.
 */
final class MissExplainer {

	private MissExplainer() {
	}

	static String explain(String methodName, List<KeyComponent> current, List<StoredEntry> entries) {
		List<StoredEntry> earlier = entries.stream().filter((entry) -> entry.header().methodName().equals(methodName)).toList();
		if (earlier.isEmpty()) {
			return methodName + " has no stored entry to compare with";
		}
		StoredEntry nearest = earlier.stream()
			.max(Comparator.comparingLong((StoredEntry entry) -> shared(current, entry.header().components()))
				.thenComparing((entry) -> entry.header().created()))
			.orElseThrow();
		List<String> differences = differences(current, nearest.header().components());
		if (differences.isEmpty()) {
			return methodName + ": an entry with the same key parts exists (" + nearest.key() + ")";
		}
		return methodName + ", compared with the nearest of " + earlier.size() + " stored entries (created "
				+ nearest.header().created() + "): " + String.join(", ", differences);
	}

	private static long shared(List<KeyComponent> current, List<KeyComponent> stored) {
		return current.stream().filter(stored::contains).count();
	}

	private static List<String> differences(List<KeyComponent> current, List<KeyComponent> stored) {
		Map<String, KeyComponent> before = stored.stream()
			.collect(Collectors.toMap(MissExplainer::identity, Function.identity(), (first, second) -> first));
		List<String> differences = new ArrayList<>();
		for (KeyComponent component : current) {
			KeyComponent old = before.remove(identity(component));
			if (old == null) {
				differences.add(describe(component) + " is new");
			}
			else if (old.hash() != component.hash()) {
				differences.add(describe(component) + " changed");
			}
		}
		before.values().forEach((gone) -> differences.add(describe(gone) + " is no longer part of the key"));
		return differences;
	}

	private static String identity(KeyComponent component) {
		return component.kind() + " " + component.name();
	}

	private static String describe(KeyComponent component) {
		return switch (component.kind()) {
			case CODE -> "`" + component.name() + "` code";
			case FIELD -> "field `" + component.name() + "`";
			case VERSION -> "@Checkpoint(version)";
			case CONTRIBUTION -> "key contributor `" + component.name() + "`";
			case ARGUMENT -> {
				String[] indexAndName = component.name().split(" ", 2);
				yield (indexAndName.length == 2) ? "argument " + indexAndName[0] + " `" + indexAndName[1] + "`"
						: "argument `" + component.name() + "`";
			}
		};
	}

}
