package io.checkpointing.engine;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.checkpointing.serial.ResultSerializer;
import io.checkpointing.serial.TypeProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, at startup, the declared type of each known method against its serializer
 * ({@link ResultSerializer#checkType}) and warns once per method whose results certainly cannot
 * be stored, naming the method, the type, where in a result it is and what to do. The method is
 * still tried: its first store fails, is reported once more under the error policy, and then
 * the method runs without checkpointing (see {@link StoredResults}).
 */
final class DeclaredTypeWarnings {

	private static final Logger logger = LoggerFactory.getLogger(CheckpointEngine.class);

	private final EntryCodec codec;

	private final Set<CheckpointedMethod.Identity> checked = ConcurrentHashMap.newKeySet();

	DeclaredTypeWarnings(EntryCodec codec) {
		this.codec = codec;
	}

	void check(Collection<CheckpointedMethod> methods) {
		for (CheckpointedMethod method : methods) {
			if (method.misconfiguration() == null && this.checked.add(method.identity())) {
				check(method);
			}
		}
	}

	private void check(CheckpointedMethod method) {
		ResultSerializer serializer;
		Optional<TypeProblem> problem;
		try {
			serializer = this.codec.serializerOf(method);
			problem = serializer.checkType(method.storedType());
		}
		catch (RuntimeException | LinkageError ex) {
			// An unknown serializer is reported on the first call; a failing check must not stop the startup.
			logger.debug("The type of {} was not checked at startup: {}", method.name(), ex.toString());
			return;
		}
		problem.ifPresent((found) -> logger.warn("{}: the serializer '{}' cannot store its results, of type {}: {}"
				+ " is a {}, and {}. {}. Each result of {} will fail to be stored: the first failure is reported, then"
				+ " the method runs without checkpointing until the application restarts.", method.name(),
				serializer.id(), method.storedType().getTypeName(), found.path(), found.type(), found.reason(),
				found.advice(), method.name()));
	}

}
