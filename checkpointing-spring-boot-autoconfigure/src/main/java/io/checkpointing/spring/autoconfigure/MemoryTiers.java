package io.checkpointing.spring.autoconfigure;

import io.checkpointing.engine.MemoryTier;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.ClassUtils;

/** Builds the in-memory tier that {@code checkpointing.memory.*} asks for, if any. */
final class MemoryTiers {

	private MemoryTiers() {
	}

	static @Nullable MemoryTier of(CheckpointingProperties.Memory memory) {
		if (memory.getMaxEntries() == null && memory.getMaxBytes() == null) {
			return null;
		}
		if (memory.getMaxEntries() != null && memory.getMaxBytes() != null) {
			throw new InvalidConfigurationPropertyValueException("checkpointing.memory.max-bytes", memory.getMaxBytes(),
					"Set either checkpointing.memory.max-entries or checkpointing.memory.max-bytes, not both");
		}
		if (!ClassUtils.isPresent("com.github.benmanes.caffeine.cache.Caffeine", MemoryTiers.class.getClassLoader())) {
			throw new InvalidConfigurationPropertyValueException("checkpointing.memory."
					+ ((memory.getMaxEntries() != null) ? "max-entries" : "max-bytes"), "set",
					"The in-memory tier needs Caffeine: add com.github.ben-manes.caffeine:caffeine to the application");
		}
		MemoryTier tier;
		try {
			tier = (memory.getMaxEntries() != null) ? MemoryTier.maxEntries(memory.getMaxEntries())
					: MemoryTier.maxBytes(memory.getMaxBytes().toBytes());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("checkpointing.memory."
					+ ((memory.getMaxEntries() != null) ? "max-entries" : "max-bytes"),
					(memory.getMaxEntries() != null) ? memory.getMaxEntries() : memory.getMaxBytes(), "Use a positive bound");
		}
		return memory.isShareResults() ? tier.sharingResults() : tier;
	}

}
