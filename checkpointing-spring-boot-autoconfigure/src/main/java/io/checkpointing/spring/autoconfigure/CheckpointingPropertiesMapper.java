package io.checkpointing.spring.autoconfigure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.engine.CheckpointEngineBuilder;
import io.checkpointing.engine.MemoryTier;
import io.checkpointing.key.CodeScope;
import io.checkpointing.serial.BuiltInSerializers;
import io.checkpointing.serial.JacksonSerializer;
import io.checkpointing.serial.ResultSerializer;
import io.checkpointing.spring.data.SpringDataResults;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.EntrySigner;
import io.checkpointing.store.FilesystemBackendBuilder;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * The one mapping of {@code checkpointing.*} to an engine: used by the auto-configuration and by
 * the woven aspect's engine outside an application context, which binds the same properties
 * from system properties. Values are checked by {@link CheckpointingPropertiesValidator} on the
 * way, so a value that cannot be used is refused naming its property.
 */
public final class CheckpointingPropertiesMapper {

	private CheckpointingPropertiesMapper() {
	}

	/**
	 * @param properties the bound properties
	 * @param backend where entries are stored
	 * @param applicationSerializers serializers of the application's own, which replace built-in
	 * ones of the same id
	 * @param applicationPackages packages of application code, in addition to
	 * {@code checkpointing.code.packages}
	 * @return a builder with every setting the properties make, to be customized and built
	 * @throws InvalidConfigurationPropertyValueException naming a property whose value cannot be used
	 */
	public static CheckpointEngineBuilder toBuilder(CheckpointingProperties properties, CacheBackend backend,
			Collection<ResultSerializer> applicationSerializers, List<String> applicationPackages) {
		Map<String, ResultSerializer> serializers = new LinkedHashMap<>(BuiltInSerializers.available());
		if (SpringDataResults.isPresent()) {
			serializers.replaceAll((id, serializer) -> (serializer instanceof JacksonSerializer jackson)
					? jackson.withModules(SpringDataResults.jacksonModule()) : serializer);
		}
		applicationSerializers.forEach((serializer) -> serializers.put(serializer.id(), serializer));
		CheckpointEngineBuilder builder = CheckpointEngine.builder()
			.enabled(properties.isEnabled())
			.backend(backend)
			.defaultSerializer(CheckpointingPropertiesValidator.serializer(properties.getSerializer(), serializers.keySet()))
			.onError(properties.getOnError().toOnError())
			.timeToLive(CheckpointingPropertiesValidator.ttl(properties.getTtl()))
			.refreshAfter(CheckpointingPropertiesValidator.refreshAfter(properties.getRefreshAfter(), properties.getTtl()))
			.lockTimeout(CheckpointingPropertiesValidator.lockTimeout(properties.getLock().getTimeout()))
			.dataVersionsRefresh(CheckpointingPropertiesValidator.dataVersionsRefresh(properties.getDataVersions().getRefresh()))
			.signer(signer(properties.getSigning()))
			.codeScope(codeScope(properties.getCode(), applicationPackages))
			.memoryTier(memoryTier(properties.getMemory()));
		serializers.values().forEach(builder::serializer);
		return builder;
	}

	/**
	 * @param properties the bound properties
	 * @return a builder of the filesystem backend in {@code checkpointing.directory}, limited to
	 * {@code checkpointing.filesystem.max-size}
	 * @throws InvalidConfigurationPropertyValueException naming a property whose value cannot be used
	 */
	public static FilesystemBackendBuilder filesystemBackend(CheckpointingProperties properties) {
		return new FilesystemBackendBuilder(properties.getDirectory())
			.maxSize(CheckpointingPropertiesValidator.maxSize(properties.getFilesystem().getMaxSize()));
	}

	private static @Nullable EntrySigner signer(CheckpointingProperties.Signing signing) {
		byte[] key = CheckpointingPropertiesValidator.signingKey(signing.getKey());
		return (key != null) ? new EntrySigner(key) : null;
	}

	private static CodeScope codeScope(CheckpointingCodeProperties code, List<String> applicationPackages) {
		if (code.getScope() == CodeScopeType.METHOD) {
			return CodeScope.methodOnly().withLibraryVersions(code.isLibraryVersions());
		}
		List<String> packages = new ArrayList<>(code.getPackages());
		packages.addAll(applicationPackages);
		return CodeScope.transitive(packages)
			.withLibraryVersions(code.isLibraryVersions())
			.withExcludedPackages(code.getExcludedPackages());
	}

	private static @Nullable MemoryTier memoryTier(CheckpointingProperties.Memory memory) {
		if (!CheckpointingPropertiesValidator.memoryTier(memory)) {
			return null;
		}
		Long maxEntries = memory.getMaxEntries();
		DataSize maxBytes = memory.getMaxBytes();
		// The validator has checked that exactly one of the two bounds is set.
		MemoryTier tier = (maxEntries != null) ? MemoryTier.maxEntries(maxEntries)
				: MemoryTier.maxBytes(Objects.requireNonNull(maxBytes).toBytes());
		return memory.isShareResults() ? tier.sharingResults() : tier;
	}

}
