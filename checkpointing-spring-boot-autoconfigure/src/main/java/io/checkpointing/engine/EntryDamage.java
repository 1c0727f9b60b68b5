package io.checkpointing.engine;

import java.io.InvalidClassException;
import java.lang.reflect.Type;
import java.util.regex.Pattern;

import io.checkpointing.store.DamagedEntryException;
import org.jspecify.annotations.Nullable;

/**
 * Why a stored entry cannot be used, in two parts: the {@code kind}, alike for every entry
 * damaged the same way, so that the log names it once per method however many entries have it;
 * and the {@code reason} of this entry.
 * @param kind what makes entries alike, such as "its checksum does not match its content"
 * @param reason what is wrong with this entry
 */
record EntryDamage(String kind, String reason) {

	private static final Pattern NUMBERS = Pattern.compile("\\d+");

	private static final int MAX_KIND_CHARS = 200;

	/**
	 * The format's messages differ between alike entries only in numbers (a length, a version),
	 * so numbers are left out of the kind; its length is capped because a header that cannot be
	 * read names what failed in it.
	 */
	static EntryDamage of(DamagedEntryException damage) {
		String reason = String.valueOf(damage.getMessage());
		String kind = NUMBERS.matcher(reason).replaceAll("#");
		return new EntryDamage((kind.length() <= MAX_KIND_CHARS) ? kind : kind.substring(0, MAX_KIND_CHARS), reason);
	}

	/** The serializer id comes from the entry, so it is in the reason, not the kind. */
	static EntryDamage unknownSerializer(String serializerId) {
		return new EntryDamage("written by a serializer this application does not have",
				"it was written by serializer '" + serializerId + "', which this application does not have");
	}

	/**
	 * @param serializerId the serializer that read the payload
	 * @param type the declared type it was read into
	 * @param failure why reading failed
	 */
	static EntryDamage unreadablePayload(String serializerId, Type type, Throwable failure) {
		if (failure instanceof InvalidClassException && String.valueOf(failure.getMessage()).contains("REJECTED")) {
			// Told apart from a plain mismatch: a class the declared type cannot hold may be a planted payload.
			return new EntryDamage("its payload names a class that " + type.getTypeName() + " cannot hold",
					"its payload names a class that " + type.getTypeName() + " cannot hold, which was refused before it"
							+ " was instantiated (" + failure.getMessage() + ")");
		}
		return new EntryDamage("its payload does not fit " + type.getTypeName(), "its payload does not fit "
				+ type.getTypeName() + " (serializer '" + serializerId + "': " + failure.getMessage() + ")");
	}

	/** A value of another type than the declared one, which a custom serializer could return. */
	static EntryDamage wrongType(String serializerId, Type type, @Nullable Object value) {
		String held = (value != null) ? "a " + value.getClass().getName() : "null";
		return new EntryDamage("its payload holds a value of another type than " + type.getTypeName(),
				"serializer '" + serializerId + "' read " + held + " from it, which is not a " + type.getTypeName());
	}

}
