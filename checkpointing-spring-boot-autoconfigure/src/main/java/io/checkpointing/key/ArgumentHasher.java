package io.checkpointing.key;

import java.security.MessageDigest;
import java.util.List;

import io.checkpointing.CheckpointException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hashes each keyed argument of a call to its own digest, from its canonical form. Separate
 * digests let a miss be explained argument by argument.
 *
 * <p>Supported: primitives and their boxes, {@code String}, enums, {@code BigDecimal},
 * {@code BigInteger}, {@code java.time} values, {@code UUID}, {@code Path} and {@code File} (by
 * their normalized name), arrays, lists in order, sets and maps in any order, {@code Optional},
 * records by component and other objects by the properties Jackson sees.
 */
public final class ArgumentHasher {

	/** Its view of plain objects (their properties) identifies them. */
	private final JsonMapper beanMapper = JsonMapper.builder().build();

	private final FileContentHasher files = new FileContentHasher();

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
		MessageDigest digest = Digests.sha256();
		new CanonicalEncoder(digest, this.beanMapper).encode(value);
		return digest.digest();
	}

}
