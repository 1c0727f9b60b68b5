package io.checkpointing.engine;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;

import io.checkpointing.Checkpoint;
import io.checkpointing.CheckpointException;
import io.checkpointing.OnError;
import io.checkpointing.key.KeyedParameters;
import org.jspecify.annotations.Nullable;

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
 * @param timeToLive how long its entries stay valid, {@code null} for ever
 * @param refreshAfter the age after which a hit is refreshed in the background, {@code null} for never
 * @param declared the expressions it declares
 * @param expressions those expressions, ready to evaluate
 * @param misconfiguration what is wrong with its annotation, {@code null} if nothing
 */
record CheckpointedMethod(Method method, String name, OnError onError, String serializerId, ResultShape shape,
		Type storedType, KeyedParameters parameters, String version, @Nullable Duration timeToLive,
		@Nullable Duration refreshAfter, DeclaredExpressions declared, MethodExpressions expressions, @Nullable String misconfiguration) {

	static CheckpointedMethod of(Method method, OnError defaultOnError, String defaultSerializerId,
			@Nullable Duration defaultTimeToLive, @Nullable Duration defaultRefreshAfter, CheckpointExpressions evaluator) {
		Checkpoint annotation = method.getAnnotation(Checkpoint.class);
		String name = method.getDeclaringClass().getSimpleName() + "#" + method.getName();
		OnError onError = defaultOnError;
		String serializerId = defaultSerializerId;
		String version = "";
		Duration timeToLive = defaultTimeToLive;
		Duration refreshAfter = defaultRefreshAfter;
		String misconfiguration = null;
		if (annotation != null) {
			version = annotation.version();
			name = annotation.name().isEmpty() ? name : annotation.name();
			onError = (annotation.onError() != OnError.INHERIT) ? annotation.onError() : defaultOnError;
			serializerId = annotation.serializer().isEmpty() ? defaultSerializerId : annotation.serializer();
			if (!annotation.ttl().isEmpty()) {
				try {
					timeToLive = TimeToLive.parse(annotation.ttl());
				}
				catch (IllegalArgumentException ex) {
					misconfiguration = "Cannot checkpoint " + name + ": @Checkpoint(ttl = \"" + annotation.ttl()
							+ "\") is not a positive duration. Use for example \"30m\", \"12h\", \"7d\" or \"PT1H30M\".";
				}
			}
			if (!annotation.refreshAfter().isEmpty()) {
				try {
					refreshAfter = TimeToLive.parse(annotation.refreshAfter());
				}
				catch (IllegalArgumentException ex) {
					misconfiguration = "Cannot checkpoint " + name + ": @Checkpoint(refreshAfter = \""
							+ annotation.refreshAfter() + "\") is not a positive duration. Use for example \"30m\", \"12h\", \"7d\" or \"PT1H30M\".";
				}
			}
		}
		if (misconfiguration == null && refreshAfter != null && timeToLive != null
				&& refreshAfter.compareTo(timeToLive) >= 0) {
			misconfiguration = "Cannot checkpoint " + name + ": refreshAfter (" + refreshAfter + ") must be shorter than"
					+ " ttl (" + timeToLive + "): an entry would expire before it is refreshed. Shorten refreshAfter,"
					+ " or lengthen ttl.";
		}
		DeclaredExpressions declared = DeclaredExpressions.of(method);
		MethodExpressions expressions = MethodExpressions.NONE;
		if (!declared.isEmpty() && misconfiguration == null) {
			try {
				requireKeyedWhereKeyDeclared(method, name, declared);
				expressions = evaluator.prepare(method, name, declared);
			}
			catch (IllegalArgumentException ex) {
				declared = DeclaredExpressions.NONE;
				misconfiguration = ex.getMessage();
			}
		}
		ResultShape shape = ResultShapes.of(method);
		if (refreshAfter != null && shape.runsWhenSubscribed()) {
			// Nothing would subscribe to what a background refresh returns, so it would never run.
			if (annotation != null && !annotation.refreshAfter().isEmpty() && misconfiguration == null) {
				misconfiguration = "Cannot checkpoint " + name + ": refreshAfter is not supported for a method returning"
						+ " a Mono, a Flux or from a Kotlin suspend function (a refresh in the background would not"
						+ " subscribe to it). Remove refreshAfter, or use ttl.";
			}
			refreshAfter = null;
		}
		return new CheckpointedMethod(method, name, onError, serializerId, shape, shape.storedType(method),
				KeyedParameters.of(method), version, timeToLive, refreshAfter, declared, expressions, misconfiguration);
	}

	private static void requireKeyedWhereKeyDeclared(Method method, String name, DeclaredExpressions declared) {
		for (int index : declared.keys().keySet()) {
			if (method.getParameters()[index].isAnnotationPresent(Checkpoint.Ignore.class)) {
				throw new IllegalArgumentException("Cannot checkpoint " + name + ": parameter " + index + " '"
						+ method.getParameters()[index].getName() + "' is both @Checkpoint.Ignore and @Checkpoint.Key(\""
						+ declared.keys().get(index) + "\"); keep one.");
			}
		}
	}

	/**
	 * @throws CheckpointException if the annotation has a value that cannot be used
	 */
	void requireValidAnnotation() {
		if (this.misconfiguration != null) {
			throw new CheckpointException(this.misconfiguration);
		}
	}

	/**
	 * @param created when an entry was stored
	 * @return whether the entry is older than this method's {@code refreshAfter}, so that a hit on
	 * it is refreshed in the background
	 */
	boolean isStale(Instant created) {
		return this.refreshAfter != null && Duration.between(created, Instant.now()).compareTo(this.refreshAfter) > 0;
	}

	/**
	 * @param created when an entry was stored
	 * @return whether the entry is older than this method's time to live
	 */
	boolean isExpired(Instant created) {
		// The clock is read only when there is a time to live: a hit should not pay for it.
		// Measured as an age, which cannot overflow however far off a forged creation time is.
		return this.timeToLive != null && Duration.between(created, Instant.now()).compareTo(this.timeToLive) > 0;
	}

}
