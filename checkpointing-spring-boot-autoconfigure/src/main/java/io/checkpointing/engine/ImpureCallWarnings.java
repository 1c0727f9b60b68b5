package io.checkpointing.engine;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.checkpointing.Checkpoint;
import io.checkpointing.key.ImpureCalls;
import io.checkpointing.key.ImpureCalls.ImpureCall;
import io.checkpointing.key.MethodCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns once per method, at its first call, when its code calls something whose result its key
 * cannot see (see {@link ImpureCalls}): a stored result would be returned however the clock, a
 * random draw, a file or a remote service changes.
 */
final class ImpureCallWarnings {

	private static final Logger logger = LoggerFactory.getLogger(ImpureCallWarnings.class);

	private final Set<CheckpointedMethod.Identity> warned = ConcurrentHashMap.newKeySet();

	void warnOnce(CheckpointedMethod method, MethodCode code) {
		// contains first: on a hit, a read, not an insertion attempt.
		if (this.warned.contains(method.identity()) || !this.warned.add(method.identity()) || !logger.isWarnEnabled()) {
			return;
		}
		String unknown = unknownAcknowledgements(method);
		if (!unknown.isEmpty()) {
			logger.warn("{}.", unknown.substring(2));
		}
		List<ImpureCall> calls = impureCalls(method, code);
		if (!calls.isEmpty()) {
			logger.warn("{} calls what its key cannot see, so a stored result is returned however it changes: {}. Pass"
					+ " what matters as an argument (the time, a seed, a file with @Checkpoint.Content), give the method a"
					+ " @Checkpoint(version) or ttl, or acknowledge it with @Checkpoint(acknowledge = {\"{}\"}).",
					method.name(), describe(calls), calls.get(0).kind());
		}
	}

	/**
	 * @return for {@code explain} and the endpoint: the calls the method's key cannot see, or
	 * empty if there are none (or all are acknowledged)
	 */
	static String note(CheckpointedMethod method, MethodCode code) {
		List<ImpureCall> calls = impureCalls(method, code);
		String note = calls.isEmpty() ? "" : ". Its code calls what its key cannot see: " + describe(calls);
		return note + unknownAcknowledgements(method);
	}

	private static List<ImpureCall> impureCalls(CheckpointedMethod method, MethodCode code) {
		return ImpureCalls.in(code, acknowledged(method));
	}

	/** @return a sentence naming what {@code acknowledge} says that acknowledges nothing, or empty */
	private static String unknownAcknowledgements(CheckpointedMethod method) {
		List<String> unknown = ImpureCalls.unknownAcknowledgements(acknowledged(method));
		return unknown.isEmpty() ? "" : ". @Checkpoint(acknowledge) of " + method.name() + " names " + unknown
				+ ", which acknowledge nothing: use a kind " + ImpureCalls.KINDS
				+ " or a call as the warning names it (java.lang.System#nanoTime)";
	}

	private static List<String> acknowledged(CheckpointedMethod method) {
		Checkpoint annotation = method.declaration().getAnnotation(Checkpoint.class);
		return (annotation != null) ? List.of(annotation.acknowledge()) : List.of();
	}

	private static String describe(List<ImpureCall> calls) {
		return calls.stream().map((call) -> call.kind() + ": " + call.describe()).collect(Collectors.joining("; "));
	}

}
