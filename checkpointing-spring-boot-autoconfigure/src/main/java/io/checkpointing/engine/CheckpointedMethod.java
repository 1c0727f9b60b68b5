package io.checkpointing.engine;

import java.lang.reflect.Method;
import java.lang.reflect.Type;

import io.checkpointing.Checkpoint;
import io.checkpointing.OnError;
import io.checkpointing.key.KeyedParameters;

/**
 * What the engine needs to know about a checkpointed method, worked out from its annotation
 * once, on its first call.
 * @param method the implementation method
 * @param name the display name
 * @param onError the effective error policy
 * @param serializerId the id of the serializer of its results
 * @param shape how its return value relates to what is stored
 * @param storedType the declared type of what is stored
 * @param parameters the parameters that are part of the key
 * @param version the version of its results, empty for none
 */
record CheckpointedMethod(Method method, String name, OnError onError, String serializerId, ResultShape shape,
		Type storedType, KeyedParameters parameters, String version) {

	static CheckpointedMethod of(Method method, OnError defaultOnError, String defaultSerializerId) {
		Checkpoint annotation = method.getAnnotation(Checkpoint.class);
		String name = method.getDeclaringClass().getSimpleName() + "#" + method.getName();
		OnError onError = defaultOnError;
		String serializerId = defaultSerializerId;
		String version = "";
		if (annotation != null) {
			version = annotation.version();
			name = annotation.name().isEmpty() ? name : annotation.name();
			onError = (annotation.onError() != OnError.INHERIT) ? annotation.onError() : defaultOnError;
			serializerId = annotation.serializer().isEmpty() ? defaultSerializerId : annotation.serializer();
		}
		ResultShape shape = ResultShape.of(method);
		return new CheckpointedMethod(method, name, onError, serializerId, shape, shape.storedType(method),
				KeyedParameters.of(method), version);
	}

}
