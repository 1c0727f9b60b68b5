package io.checkpointing.engine;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import io.checkpointing.key.CallKey;
import io.checkpointing.key.KeyComponent;
import io.checkpointing.key.KeyedParameters;
import io.checkpointing.key.MethodCode;

/**
 * A call's key with the parts it was made of; the parts are only turned into
 * {@link KeyComponent}s when an entry is written or a miss explained, never on a hit.
 * @param key the key
 * @param code the method's code
 * @param fieldDigests one digest per field in {@code code.fieldsRead()}
 * @param argumentDigests one digest per keyed parameter
 * @param contributions one digest per key contributor that applies, by its name
 */
// Holds its arrays as parts to read, never compared or used as a key: array equality does not matter.
@SuppressWarnings("ArrayRecordComponent")
record CallIdentity(CallKey key, MethodCode code, byte[][] fieldDigests, byte[][] argumentDigests,
		java.util.Map<String, byte[]> contributions) {

	List<KeyComponent> components(CheckpointedMethod method) {
		KeyedParameters parameters = method.parameters();
		List<KeyComponent> components = new ArrayList<>();
		if (!method.version().isEmpty()) {
			components.add(KeyComponent.of(KeyComponent.Kind.VERSION, "version",
					this.code.fingerprintWith(method.version())));
		}
		this.code.reachedCode().forEach((name, digest) -> components.add(KeyComponent.of(KeyComponent.Kind.CODE, name, digest)));
		List<Field> fields = this.code.fieldsRead();
		for (int i = 0; i < fields.size(); i++) {
			if (this.fieldDigests[i].length > 0) {
				components.add(KeyComponent.of(KeyComponent.Kind.FIELD, fields.get(i).getName(), this.fieldDigests[i]));
			}
		}
		this.contributions.forEach((name, digest) -> components.add(KeyComponent.of(KeyComponent.Kind.CONTRIBUTION, name, digest)));
		for (int i = 0; i < this.argumentDigests.length; i++) {
			KeyedParameters.KeyedParameter parameter = parameters.parameters().get(i);
			components.add(KeyComponent.of(KeyComponent.Kind.ARGUMENT, parameter.index() + " " + parameter.name(),
					this.argumentDigests[i]));
		}
		return components;
	}

}
