package io.checkpointing.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Hits, misses and time saved of every method, per minute, over the last minutes: the console's
 * chart. A fixed ring of one bucket per minute, reused as the minutes pass, so it never grows.
 */
public final class CallTimeline implements CheckpointListener {

	private static final long MINUTE_MILLIS = 60_000;

	private final Clock clock;

	private final Bucket[] buckets;

	/**
	 * @param minutes how many minutes are kept, the current one included; at least 1
	 * @param clock the clock that tells the minute
	 */
	CallTimeline(int minutes, Clock clock) {
		if (minutes < 1) {
			throw new IllegalArgumentException("minutes must be at least 1, was " + minutes);
		}
		this.clock = clock;
		this.buckets = new Bucket[minutes];
		for (int i = 0; i < minutes; i++) {
			this.buckets[i] = new Bucket();
		}
	}

	@Override
	public void hit(String method, long loadNanos, long savedNanos) {
		long minute = currentMinute();
		bucketOf(minute).add(minute, 1, 0, savedNanos);
	}

	@Override
	public void miss(String method) {
		long minute = currentMinute();
		bucketOf(minute).add(minute, 0, 1, 0);
	}

	/**
	 * @return one entry per minute, oldest first, ending with the current minute; minutes without
	 * calls count zero
	 */
	public List<MinuteCounts> minutes() {
		long now = currentMinute();
		List<MinuteCounts> minutes = new ArrayList<>(this.buckets.length);
		for (long minute = now - this.buckets.length + 1; minute <= now; minute++) {
			minutes.add(bucketOf(minute).countsOf(minute));
		}
		return minutes;
	}

	private long currentMinute() {
		return Math.floorDiv(this.clock.millis(), MINUTE_MILLIS);
	}

	private Bucket bucketOf(long minute) {
		return this.buckets[(int) Math.floorMod(minute, (long) this.buckets.length)];
	}

	/** One minute's counts; reset when the ring comes round to it for a later minute. */
	private static final class Bucket {

		private long minute = Long.MIN_VALUE;

		private long hits;

		private long misses;

		private long savedNanos;

		synchronized void add(long minute, long hits, long misses, long savedNanos) {
			if (minute < this.minute) {
				// A call that read the clock just before another one moved the bucket on: too late to count.
				return;
			}
			if (this.minute != minute) {
				this.minute = minute;
				this.hits = 0;
				this.misses = 0;
				this.savedNanos = 0;
			}
			this.hits += hits;
			this.misses += misses;
			this.savedNanos += savedNanos;
		}

		synchronized MinuteCounts countsOf(long minute) {
			Instant start = Instant.ofEpochMilli(minute * MINUTE_MILLIS);
			return (this.minute == minute) ? new MinuteCounts(start, this.hits, this.misses, Duration.ofNanos(this.savedNanos))
					: new MinuteCounts(start, 0, 0, Duration.ZERO);
		}

	}

}
