package io.checkpointing.engine;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
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
 * @param method the implementation method, or an interface method with no body ({@link #bodiless})
 * @param type the class it is checkpointed as: the class that declares {@code method}, or for a
 * method that is {@link #bodiless} or {@link #perImplementation} the class (or repository
 * interface) called
 * @param declaration the method that carries {@code @Checkpoint}: {@code method}, or the method of
 * an interface it implements; its annotation and parameter annotations are the ones read
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
record CheckpointedMethod(Method method, Class<?> type, Method declaration, String name, OnError onError,
		String serializerId, ResultShape shape, Type storedType, KeyedParameters parameters, String version,
		@Nullable Duration timeToLive, @Nullable Duration refreshAfter, DeclaredExpressions declared,
		MethodExpressions expressions, @Nullable String misconfiguration) {

	/**
	 * @param method the method called
	 * @param calledType the class of the object called, or the repository interface of a method with no body
	 */
	static CheckpointedMethod of(Method method, Class<?> calledType, OnError defaultOnError, String defaultSerializerId,
			@Nullable Duration defaultTimeToLive, @Nullable Duration defaultRefreshAfter, CheckpointExpressions evaluator) {
		Method found = CheckpointDeclarations.declarationOf(method, calledType);
		Method declaration = (found != null) ? found : method;
		// One annotation on an interface, or on a default method, stands for each class that implements it;
		// one on a method a subclass inherits, for each subclass, whose overrides the method may call.
		boolean perClass = Modifier.isAbstract(method.getModifiers()) || !declaration.equals(method)
				|| method.getDeclaringClass().isInterface() || isInheritedBy(method, calledType);
		Class<?> type = perClass ? calledType : method.getDeclaringClass();
		Checkpoint annotation = declaration.getAnnotation(Checkpoint.class);
		String name = type.getSimpleName() + "#" + method.getName();
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
		DeclaredExpressions declared = DeclaredExpressions.of(declaration);
		MethodExpressions expressions = MethodExpressions.NONE;
		if (!declared.isEmpty() && misconfiguration == null) {
			try {
				requireKeyedWhereKeyDeclared(declaration, name, declared);
				expressions = evaluator.prepare(declaration, name, declared);
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
		Type storedType = shape.storedType(method);
		if (misconfiguration == null && Modifier.isAbstract(method.getModifiers()) && TypeVariables.in(storedType)) {
			misconfiguration = "Cannot checkpoint " + name + ": its result type " + storedType.getTypeName() + " is declared"
					+ " with type variables of " + method.getDeclaringClass().getName() + ", which a method with no body"
					+ " does not resolve. Declare the method in " + type.getName() + " itself, with its types.";
		}
		return new CheckpointedMethod(method, type, declaration, name, onError, serializerId, shape, storedType,
				KeyedParameters.of(declaration), version, timeToLive, refreshAfter, declared, expressions, misconfiguration);
	}

	/**
	 * Whether a class that inherits the method calls it: a named subclass of the class that declares
	 * it. A hidden class has no name that lasts from one run to the next, so it cannot be keyed by it.
	 */
	private static boolean isInheritedBy(Method method, Class<?> calledType) {
		return !calledType.equals(method.getDeclaringClass()) && method.getDeclaringClass().isAssignableFrom(calledType)
				&& !calledType.isHidden() && !calledType.isInterface();
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
	 * @return whether the method has no body to read (a Spring Data repository's query method, a
	 * method a JDK proxy answers): its code is its declaration on {@link #type}
	 */
	boolean bodiless() {
		return Modifier.isAbstract(this.method.getModifiers());
	}

	/**
	 * @return whether one declaration stands for the method of each class that implements or
	 * inherits it (an annotated interface method, a default method, a method of a superclass): the
	 * class called is part of the key
	 */
	boolean perImplementation() {
		return !bodiless() && (!this.declaration.equals(this.method) || this.method.getDeclaringClass().isInterface()
				|| !this.type.equals(this.method.getDeclaringClass()));
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

	/**
	 * @return what tells this method from another checkpointed with the same {@link Method}: a base
	 * method of two repositories, a method two subclasses inherit, is one per class it is called as
	 */
	Identity identity() {
		return new Identity(this.method, this.type);
	}

	/**
	 * A checkpointed method's identity, for what is learned about it once: whether its results
	 * can be stored, whether they read back, whether it was warned about.
	 * @param method the method called
	 * @param type the class it is checkpointed as
	 */
	record Identity(Method method, Class<?> type) {

	}

}
