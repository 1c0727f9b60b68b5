package io.checkpointing.key;

import java.security.MessageDigest;
import java.util.List;

import io.checkpointing.CheckpointException;
import org.jspecify.annotations.Nullable;

/**
 * Hashes each keyed argument of a call to its own digest, from its canonical form. Separate
 * digests let a miss be explained argument by argument.
 *
 * <p>Supported: primitives and their boxes, {@code String}, enums, {@code BigDecimal},
 * {@code BigInteger}, {@code java.time} values, {@code UUID}, {@code Path} and {@code File} (by
 * their normalized name), arrays, lists in order, sets and maps in any order, {@code Optional},
 * records by component, lambdas and method references by their code and captured values (see
 * {@link FunctionValues}), and other objects by their whole instance state (every non-transient
 * field, those of superclasses included).
 */
public final class ArgumentHasher {

	private final FileContentHasher files = new FileContentHasher();

	private final @Nullable FunctionValues functions;

	/** Refuses lambdas and method references: there is no code fingerprinter to key them by. */
	public ArgumentHasher() {
		this.functions = null;
	}

	/**
	 * @param code fingerprints the implementations of lambdas and method references, so that they
	 * count by their code and captured values
	 */
	public ArgumentHasher(CodeFingerprinter code) {
		this.functions = new FunctionValues(code);
	}

	/**
	 * @param parameters the keyed parameters of the method
	 * @param arguments all arguments of the call
	 * @return one digest per keyed parameter
	 * @throws CheckpointException naming the parameter whose value has no canonical form
	 */
	public byte[][] hash(KeyedParameters parameters, @Nullable Object[] arguments) {
		List<KeyedParameters.KeyedParameter> keyed = parameters.parameters();
		byte[][] digests = new byte[keyed.size()][];
		for (int i = 0; i < digests.length; i++) {
			KeyedParameters.KeyedParameter parameter = keyed.get(i);
			@Nullable Object argument = arguments[parameter.index()];
			if (parameter.byContent()) {
				digests[i] = hashContent(parameters, parameter, argument);
				continue;
			}
			try {
				digests[i] = hashValue(argument);
			}
			catch (UnhashableValueException ex) {
				throw new CheckpointException("Cannot checkpoint " + parameters.methodName() + ": argument "
						+ parameter.index() + " '" + parameter.name() + "' of type "
						+ ((argument != null) ? argument.getClass().getName() : ex.type().getName())
						+ " has no canonical form to key the call by: " + ex.getMessage()
						+ ". Annotate the parameter with @Checkpoint.Ignore if it cannot change the result,"
						+ " or pass a value type (a record, a collection, a String, a number...).", ex);
			}
		}
		return digests;
	}

	private byte[] hashContent(KeyedParameters parameters, KeyedParameters.KeyedParameter parameter,
			@Nullable Object argument) {
		java.nio.file.Path path = (argument instanceof java.io.File file) ? file.toPath()
				: (argument instanceof java.nio.file.Path given) ? given : null;
		String where = parameters.methodName() + ": argument " + parameter.index() + " '" + parameter.name() + "'";
		if (path == null) {
			throw new CheckpointException("Cannot checkpoint " + where + " is annotated @Checkpoint.Content but is "
					+ ((argument != null) ? "a " + argument.getClass().getName() : "null") + ", not a Path or File");
		}
		try {
			return this.files.hash(path);
		}
		catch (java.io.IOException ex) {
			throw new CheckpointException("Cannot checkpoint " + where + ": "
					+ (FileContentHasher.isMissing(ex) ? "the file " + path.toAbsolutePath() + " does not exist"
							: "the file " + path.toAbsolutePath() + " cannot be read (" + ex.getMessage() + ")"), ex);
		}
	}

	/**
	 * @param value any supported value
	 * @return its digest
	 * @throws UnhashableValueException if the value, or something inside it, has no canonical form
	 */
	public byte[] hashValue(@Nullable Object value) {
		return hash(value, ValuePolicy.ARGUMENTS);
	}

	/**
	 * @param value the value of a field a method reads
	 * @return its digest, where proxies and objects of released libraries count by their type
	 * @throws UnhashableValueException if the value, or something inside it, has no canonical form
	 */
	public byte[] hashState(@Nullable Object value) {
		return hash(value, ValuePolicy.STATE);
	}

	private byte[] hash(@Nullable Object value, ValuePolicy policy) {
		MessageDigest digest = Digests.sha256();
		new CanonicalEncoder(digest, policy, this.functions).encode(value);
		return digest.digest();
	}

}
