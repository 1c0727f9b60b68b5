package io.checkpointing.engine;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code ttl} of {@code @Checkpoint}: {@code 500ms}, {@code 30s}, {@code 10m},
 * {@code 12h}, {@code 7d}, or ISO-8601 such as {@code PT1H30M}, the forms Spring Boot accepts for
 * a {@code Duration} property.
 */
final class TimeToLive {

	private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

	private TimeToLive() {
	}

	/**
	 * @param text the annotation's value
	 * @return the positive duration
	 * @throws IllegalArgumentException if the text is not a positive duration
	 */
	static Duration parse(String text) {
		String trimmed = text.trim().toLowerCase(Locale.ROOT);
		Duration duration = trimmed.startsWith("p") ? iso(text.trim()) : simple(trimmed);
		if (duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException("'" + text + "' is not a positive duration");
		}
		return duration;
	}

	private static Duration iso(String text) {
		try {
			return Duration.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 duration", ex);
		}
	}

	private static Duration simple(String text) {
		Matcher matcher = SIMPLE.matcher(text);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("'" + text + "' is not a duration");
		}
		try {
			long amount = Long.parseLong(matcher.group(1));
			return switch (matcher.group(2)) {
				case "ms" -> Duration.ofMillis(amount);
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				default -> Duration.ofDays(amount);
			};
		}
		catch (ArithmeticException | NumberFormatException ex) {
			throw new IllegalArgumentException("'" + text + "' is too long a duration", ex);
		}
	}

}
