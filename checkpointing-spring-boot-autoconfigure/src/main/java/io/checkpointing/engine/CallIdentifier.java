package io.checkpointing.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.checkpointing.Checkpoint;
import io.checkpointing.CheckpointException;
import io.checkpointing.key.ArgumentHasher;
import io.checkpointing.key.CallKey;
import io.checkpointing.key.CodeFingerprinter;
import io.checkpointing.key.CodeScope;
import io.checkpointing.key.ConfigurationReads;
import io.checkpointing.key.DataReads;
import io.checkpointing.key.KeyContributor;
import io.checkpointing.key.KeyStrategy;
import io.checkpointing.key.ManagedObjects;
import io.checkpointing.key.MethodCode;
import io.checkpointing.key.PropertyLookup;
import io.checkpointing.key.StatePaths;
import io.checkpointing.key.StateReader;
import io.checkpointing.key.UnhashableValueException;
import org.jspecify.annotations.Nullable;

/**
 * Gives a call its identity: the key made of the method's code, the state it reads, its
 * arguments and the contributions of the key contributors that apply, or, when the application
 * has a {@link KeyStrategy}, the strategy's identity alone.
 */
final class CallIdentifier {

	/** The key part of each data type a method reads is named so, followed by the type. */
	static final String DATA_READ = "data read: ";

	private final CodeFingerprinter code;

	private final ArgumentHasher arguments;

	private final StateReader state;

	private final ImpureCallWarnings impureCalls = new ImpureCallWarnings();

	private final List<KeyContributor> contributors;

	private final @Nullable KeyStrategy keyStrategy;

	private final PropertyLookup properties;

	private final DataReads dataReads;

	private final DataVersions dataVersions;

	/** The key part that names the class a declaration on an interface is implemented by. */
	static final String IMPLEMENTATION = "implementation";

	/** Per method: the paths its state follows and the configuration it reads, found once. */
	private final Map<SourcesKey, StateSources> sources = new java.util.concurrent.ConcurrentHashMap<>();

	CallIdentifier(CodeScope codeScope, List<KeyContributor> contributors, @Nullable KeyStrategy keyStrategy,
			ManagedObjects managedObjects, PropertyLookup properties, DataReads dataReads, DataVersions dataVersions) {
		this.code = new CodeFingerprinter(codeScope);
		this.arguments = new ArgumentHasher(this.code);
		this.state = new StateReader(this.arguments, managedObjects);
		this.properties = properties;
		this.dataReads = dataReads;
		this.dataVersions = dataVersions;
		this.contributors = List.copyOf(contributors);
		this.keyStrategy = keyStrategy;
	}

	/**
	 * @param method the method called
	 * @param call the call
	 * @return the call's key with the parts it was made of
	 * @throws CheckpointException naming the method if the call cannot be identified
	 */
	CallIdentity identify(CheckpointedMethod method, MethodCall call) {
		try {
			return (this.keyStrategy != null) ? identifyByStrategy(this.keyStrategy, method, call)
					: identifyByContent(method, call);
		}
		catch (CheckpointException ex) {
			throw ex;
		}
		catch (RuntimeException | LinkageError ex) {
			// A class file ASM cannot read, a class missing from a signature, a collection changed
			// while it was hashed: our failure, handled like any other.
			throw new CheckpointException("Cannot checkpoint " + method.name() + ": identifying the call failed: " + ex,
					ex);
		}
	}

	/**
	 * @param method a checkpointed method
	 * @return whether nothing but the arguments can change its keys during this JVM's life
	 */
	boolean isKeyedByArgumentsAlone(CheckpointedMethod method) {
		// The memory tier finds results by method and arguments: not one method for several classes.
		return this.keyStrategy == null && !method.perImplementation() && !method.bodiless()
				&& codeOf(method).fieldsRead().isEmpty()
				&& sourcesOf(method).configuration().isEmpty() && method.declared().keys().isEmpty()
				&& sourcesOf(method).dataTypes().isEmpty()
				&& this.contributors.stream().noneMatch((contributor) -> contributor.appliesTo(method.method()));
	}

	/**
	 * @param method a checkpointed method
	 * @return the code fingerprint its keys are made with now (combined with its version), or
	 * {@code null} when a {@link KeyStrategy} makes the keys without the code
	 * @throws RuntimeException if its code cannot be read
	 */
	byte @Nullable [] fingerprintOf(CheckpointedMethod method) {
		if (this.keyStrategy != null) {
			return null;
		}
		return codeOf(method).fingerprintWith(method.version());
	}

	/**
	 * @return whether the method reads data through repositories while the current transaction
	 * may hold writes not committed yet ({@link DataReads#isSettled}): a stored result would hide them
	 */
	boolean readsUnsettledData(CheckpointedMethod method) {
		if (this.dataReads.isSettled() || this.keyStrategy != null) {
			return false;
		}
		try {
			return !sourcesOf(method).dataTypes().isEmpty();
		}
		catch (RuntimeException ex) {
			// Identifying the call fails the same way next, and is reported there.
			return false;
		}
	}

	private CallIdentity identifyByContent(CheckpointedMethod method, MethodCall call) {
		MethodCode methodCode = codeOf(method);
		this.impureCalls.warnOnce(method, methodCode);
		StateSources sources = sourcesOf(method);
		byte[][] fieldParts = this.state.hashEach(sources.paths(), call.target());
		byte[][] argumentParts = this.arguments.hash(method.parameters(), keyedArguments(method, call));
		Map<String, byte[]> contributions = contributionsTo(method);
		if (method.perImplementation()) {
			contributions = new LinkedHashMap<>(contributions);
			contributions.put(IMPLEMENTATION, this.arguments.hashValue(method.type().getName()));
		}
		if (!sources.configuration().isEmpty()) {
			contributions = new LinkedHashMap<>(contributions);
			contributions.put("configuration read by name", sources.configuration().hash(this.properties));
		}
		if (!sources.dataTypes().isEmpty()) {
			contributions = new LinkedHashMap<>(contributions);
			for (String dataType : sources.dataTypes()) {
				// Named per type, so that explain says which data changed.
				contributions.put(DATA_READ + dataType, this.arguments.hashValue(this.dataVersions.versionOf(dataType)));
			}
		}
		byte[][] stateParts = fieldParts;
		if (!contributions.isEmpty()) {
			stateParts = Arrays.copyOf(fieldParts, fieldParts.length + contributions.size());
			int next = fieldParts.length;
			for (byte[] contribution : contributions.values()) {
				stateParts[next++] = contribution;
			}
		}
		CallKey key = CallKey.of(methodCode.fingerprintWith(method.version()), StateReader.combine(stateParts),
				methodCode.inParameterOrder(method.parameters(), argumentParts));
		return new CallIdentity(key, methodCode, fieldParts, argumentParts, contributions);
	}

	/**
	 * The arguments as keyed: a parameter with a {@code @Checkpoint.Key} is keyed by the value its
	 * expression derives, together with the expression's text, so that editing the expression
	 * cannot make a value derived the old way hit. A file keyed by content needs no text: its
	 * content is the key.
	 */
	private static @Nullable Object[] keyedArguments(CheckpointedMethod method, MethodCall call) {
		Map<Integer, String> keys = method.declared().keys();
		if (keys.isEmpty()) {
			return call.arguments();
		}
		@Nullable Object[] keyed = call.arguments().clone();
		for (Map.Entry<Integer, String> key : keys.entrySet()) {
			int index = key.getKey();
			@Nullable Object derived = method.expressions().key(index, call);
			keyed[index] = method.declaration().getParameters()[index].isAnnotationPresent(Checkpoint.Content.class) ? derived
					: Arrays.asList("@Checkpoint.Key", key.getValue(), derived);
		}
		return keyed;
	}

	/** The user's strategy is the whole identity: it is kept as the key's only component. */
	private CallIdentity identifyByStrategy(KeyStrategy strategy, CheckpointedMethod method, MethodCall call) {
		byte[] identity;
		try {
			identity = this.arguments.hashValue(strategy.identify(call.method(), call.target(), call.arguments()));
		}
		catch (UnhashableValueException ex) {
			throw new CheckpointException("Cannot checkpoint " + method.name() + ": the KeyStrategy returned a value with"
					+ " no canonical form: " + ex.getMessage(), ex);
		}
		MethodCode none = new MethodCode(new byte[0], List.of(), Map.of());
		// Scoped to the method, as the Python package's identifier is to its function; and to the class
		// called where one method stands for several (an inherited or interface method, a repository's).
		String scope = method.method().toGenericString();
		if (method.perImplementation() || method.bodiless()) {
			scope += " on " + method.type().getName();
		}
		byte[] methodId = scope.getBytes(StandardCharsets.UTF_8);
		CallKey key = CallKey.of(methodId, new byte[0], new byte[][] { identity });
		return new CallIdentity(key, none, new byte[0][], new byte[0][], Map.of("key strategy", identity));
	}

	/**
	 * The code of a method with a body is its bytecode and what it reaches; that of a method with
	 * none (a repository's query method) is its declaration on the interface called.
	 */
	private MethodCode codeOf(CheckpointedMethod method) {
		return method.bodiless() ? this.code.declaredCodeOf(method.type(), method.method())
				: this.code.codeOf(method.method());
	}

	private StateSources sourcesOf(CheckpointedMethod method) {
		return this.sources.computeIfAbsent(new SourcesKey(method.method(), method.type()), (key) -> {
			MethodCode methodCode = codeOf(method);
			Class<?> owner = method.type();
			ClassLoader loader = (owner.getClassLoader() != null) ? owner.getClassLoader()
					: ClassLoader.getSystemClassLoader();
			return new StateSources(new StatePaths(methodCode), ConfigurationReads.of(methodCode),
					this.dataReads.readByCallsOf(methodCode, loader));
		});
	}

	private record SourcesKey(java.lang.reflect.Method method, Class<?> type) {

	}

	/**
	 * @param paths the collaborators' fields the method's state follows
	 * @param configuration the configuration it reads by name
	 * @param dataTypes the data types its reached code reads through repositories, sorted
	 */
	private record StateSources(StatePaths paths, ConfigurationReads configuration, List<String> dataTypes) {

	}

	private Map<String, byte[]> contributionsTo(CheckpointedMethod method) {
		if (this.contributors.isEmpty()) {
			return Map.of();
		}
		Map<String, byte[]> contributions = new LinkedHashMap<>();
		for (KeyContributor contributor : this.contributors) {
			if (contributor.appliesTo(method.method())) {
				try {
					contributions.put(contributor.name(), this.arguments.hashValue(contributor.contribution(method.method())));
				}
				catch (UnhashableValueException ex) {
					throw new CheckpointException("Cannot checkpoint " + method.name() + ": key contributor '"
							+ contributor.name() + "' returned a value with no canonical form: " + ex.getMessage(), ex);
				}
			}
		}
		return contributions;
	}

}
