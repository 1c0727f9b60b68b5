package io.checkpointing.engine;

import io.checkpointing.CheckpointException;
import io.checkpointing.key.CallKey;
import io.checkpointing.serial.ResultSerializer;
import org.jspecify.annotations.Nullable;

/**
 * A failure of checkpointing itself, as the {@link FailurePolicy error policy} sees it. Each
 * kind is made by one factory below, so every message of a kind is worded in one place.
 * @param kind which stage of a call failed
 * @param alike what the failures of this kind that deserve one warning share, such as the kind
 * of damage: {@code WARN} logs once per method, kind and this
 * @param warning what {@code WARN} logs, without the details that differ between alike failures
 * @param detail what {@code RAISE} throws and DEBUG logs, with this call's details (its key)
 */
record CheckpointFailure(Kind kind, String alike, String warning, CheckpointException detail) {

	/** The stages of a call at which checkpointing can fail. */
	enum Kind {

		/** The call could not be given a key, or its method cannot be checkpointed as annotated. */
		IDENTIFY,

		/** The store could not be read. */
		READ,

		/** A stored entry could not be used, and was deleted. */
		UNUSABLE_ENTRY,

		/** The store's lock of a key could not be taken. */
		LOCK,

		/** The store's lock of a key could not be released. */
		RELEASE,

		/** A result could not be encoded or written. */
		STORE,

		/** A stale entry's background refresh failed; the stale entry is kept. */
		REFRESH

	}

	/**
	 * @param failure why the call cannot be checkpointed, with the method named; failures with the
	 * same message are alike
	 */
	static CheckpointFailure identifying(CheckpointException failure) {
		return of(Kind.IDENTIFY, failure);
	}

	static CheckpointFailure unreadable(CheckpointedMethod method, String location, CallKey key, Exception failure) {
		// The message names the entry's file; one warning per kind of failure is enough.
		return new CheckpointFailure(Kind.READ, "unreadable: " + failure.getClass().getName(),
				sentence("Cannot read a stored result of " + method.name() + " from " + location + ": " + failure.getMessage())
						+ " The method runs without checkpointing; other keys that fail alike are logged at DEBUG only.",
				new CheckpointException("Cannot read the stored result of " + method.name() + " for key " + key + " from "
						+ location + ": " + failure.getMessage(), failure));
	}

	static CheckpointFailure unusable(CheckpointedMethod method, String location, CallKey key, EntryDamage damage,
			@Nullable Throwable cause) {
		return new CheckpointFailure(Kind.UNUSABLE_ENTRY, damage.kind(),
				"A stored result of " + method.name() + " in " + location + " is unusable and was deleted: "
						+ damage.reason() + ". It is computed again and rewritten. Other entries of " + method.name()
						+ " unusable for this reason are handled alike and logged at DEBUG only, with their keys.",
				new CheckpointException("The stored result of " + method.name() + " for key " + key + " in " + location
						+ " is unusable and was deleted: " + damage.reason() + ". It is computed again.", cause));
	}

	static CheckpointFailure unusableHeld(CheckpointedMethod method, CallKey key, EntryDamage damage,
			@Nullable Throwable cause) {
		// Only the tier's copy is at fault, and it is dropped: the store's entry decides.
		return new CheckpointFailure(Kind.UNUSABLE_ENTRY, damage.kind(),
				"A result of " + method.name() + " held in memory is unusable and was dropped: " + damage.reason()
						+ ". The store is read instead.",
				new CheckpointException("The result of " + method.name() + " held in memory for key " + key
						+ " is unusable and was dropped: " + damage.reason() + ".", cause));
	}

	static CheckpointFailure unlockable(CheckpointedMethod method, String location, Exception failure) {
		// No key in the message: the policy warns once per method and message, not once per key.
		return of(Kind.LOCK, new CheckpointException("Cannot lock keys of " + method.name() + " in " + location
				+ ", so other processes may compute them too: " + failure.getMessage(), failure));
	}

	static CheckpointFailure unreleasable(CheckpointedMethod method, String location, CallKey key, Exception failure) {
		return of(Kind.RELEASE, new CheckpointException("Cannot release the lock of key " + key + " of " + method.name()
				+ " in " + location + ": " + failure.getMessage(), failure));
	}

	static CheckpointFailure unstorable(CheckpointedMethod method, ResultSerializer serializer, String location,
			Throwable failure) {
		return of(Kind.STORE, new CheckpointException("Cannot store the result of " + method.name() + " (type "
				+ method.storedType().getTypeName() + ", serializer '" + serializer.id() + "') in " + location + ": "
				+ failure.getMessage(), failure));
	}

	/**
	 * @param method the method whose stale entry was refreshed
	 * @param failure what the refresh threw
	 */
	static CheckpointFailure refreshing(CheckpointedMethod method, Throwable failure) {
		String message = "Refreshing a stale entry of " + method.name() + " in the background failed: " + failure;
		return new CheckpointFailure(Kind.REFRESH, method.name() + " " + failure.getClass().getName(),
				sentence(message) + " The stale entry is returned until a refresh succeeds or it expires.",
				new CheckpointException(message, failure));
	}

	/**
	 * The first result of a method whose type its serializer cannot store: reported once, as the
	 * method's later calls no longer try.
	 */
	static CheckpointFailure unstorableType(CheckpointedMethod method, ResultSerializer serializer, Throwable failure) {
		String message = "Cannot store the result of " + method.name() + " (type " + method.storedType().getTypeName()
				+ ", serializer '" + serializer.id() + "'): " + sentence(failure.getMessage())
				+ " No result of this type can be stored";
		return new CheckpointFailure(Kind.STORE, message, sentence(message) + " Until the application restarts, "
				+ method.name() + " runs without checkpointing: no key, no lookup, no store. Make the type storable "
				+ "(see docs/spring-data.md#checks-at-startup) or choose another serializer with "
				+ "@Checkpoint(serializer = ...).", new CheckpointException(message, failure));
	}

	/** A failure whose message is alike for every occurrence: it is the warning too. */
	private static CheckpointFailure of(Kind kind, CheckpointException detail) {
		return new CheckpointFailure(kind, detail.getMessage(),
				sentence(detail.getMessage()) + " The method runs without checkpointing.", detail);
	}

	/**
	 * Messages of stores and drivers end without a full stop, or with one: a warning that goes on
	 * after them needs exactly one.
	 */
	static String sentence(@Nullable String text) {
		String trimmed = String.valueOf(text).strip();
		return (trimmed.endsWith(".") || trimmed.endsWith("!") || trimmed.endsWith("?")) ? trimmed : trimmed + ".";
	}

}
