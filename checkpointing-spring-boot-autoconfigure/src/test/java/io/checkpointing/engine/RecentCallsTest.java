package io.checkpointing.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import io.checkpointing.engine.RecentCall.Outcome;
import io.checkpointing.store.FilesystemBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** What the console reads of an engine: the last calls of each method, their facts, the timeline. */
class RecentCallsTest {

	@TempDir
	Path directory;

	private final Calculator calculator = new Calculator();

	private CheckpointEngine engine(int recentCalls) {
		return CheckpointEngine.builder().backend(new FilesystemBackend(this.directory)).recentCalls(recentCalls).build();
	}

	private static List<RecentCall> recentCallsOf(CheckpointEngine engine, String method) {
		CheckpointsAdministration administration = engine.administration();
		return administration.recentCalls().calls(administration.entries()).get(method);
	}

	@Test
	void callsAreListedNewestFirstWithTheirOutcomeAndEachMissSaysWhyItRan() throws Throwable {
		CheckpointEngine engine = engine(10);
		EngineCalls calls = new EngineCalls(engine);
		calls.call(this.calculator, "twice", 1);
		calls.call(this.calculator, "twice", 1);
		calls.call(this.calculator, "twice", 2);
		List<RecentCall> recent = recentCallsOf(engine, "Calculator#twice");
		assertThat(recent).extracting(RecentCall::outcome).containsExactly(Outcome.MISS, Outcome.HIT, Outcome.MISS);
		assertThat(recent.get(0).explanation()).startsWith("Calculator#twice, compared with the nearest of 1 stored entries")
			.endsWith("argument 0 `value` changed");
		assertThat(recent.get(1).explanation()).as("a hit needs no explanation").isNull();
		assertThat(recent.get(2).explanation()).as("explained against what was stored before it, not after")
			.isEqualTo("Calculator#twice has no stored entry to compare with");
		assertThat(recent.get(1).keyPrefix()).hasSize(12).isEqualTo(recent.get(2).keyPrefix())
			.isNotEqualTo(recent.get(0).keyPrefix());
		assertThat(recent.get(0).time()).isAfterOrEqualTo(recent.get(1).time());
		assertThat(recent).allSatisfy((call) -> assertThat(call.duration()).isPositive());
	}

	@Test
	void eachMethodKeepsOnlyItsLastCalls() throws Throwable {
		CheckpointEngine engine = engine(3);
		EngineCalls calls = new EngineCalls(engine);
		for (int i = 0; i < 5; i++) {
			calls.call(this.calculator, "twice", i);
		}
		calls.call(this.calculator, "lasting", 1);
		assertThat(recentCallsOf(engine, "Calculator#twice")).hasSize(3);
		assertThat(recentCallsOf(engine, "Calculator#lasting")).hasSize(1);
	}

	@Test
	void theFactsOfAMethodAreItsSerializerVersionTimeToLiveAndFingerprint() throws Throwable {
		CheckpointEngine engine = engine(5);
		new EngineCalls(engine).call(this.calculator, "lasting", 1);
		MethodFacts facts = engine.administration().recentCalls().facts().get("Calculator#lasting");
		assertThat(facts.serializer()).isEqualTo("json");
		assertThat(facts.version()).isEmpty();
		assertThat(facts.timeToLive()).isEqualTo(Duration.ofDays(7));
		assertThat(facts.fingerprint()).matches("[0-9a-f]{8}");
		assertThat(facts.impureCalls()).isEmpty();
	}

	@Test
	void aCallThatCannotBeIdentifiedIsAnError() throws Throwable {
		CheckpointEngine engine = engine(5);
		new EngineCalls(engine).call(this.calculator, "badlyTimed", 1);
		assertThat(recentCallsOf(engine, "Calculator#badlyTimed")).extracting(RecentCall::outcome)
			.containsExactly(Outcome.ERROR);
		assertThat(engine.administration().recentCalls().lastErrors().get("Calculator#badlyTimed").message())
			.contains("@Checkpoint(ttl = \"soon\") is not a positive duration");
	}

	@Test
	void withoutRecentCallsNothingIsRecorded() throws Throwable {
		CheckpointEngine engine = engine(0);
		new EngineCalls(engine).call(this.calculator, "twice", 1);
		new EngineCalls(engine).call(this.calculator, "twice", 1);
		assertThat(engine.administration().recentCalls().calls(List.of())).isEmpty();
		assertThat(engine.administration().timeline().minutes()).allSatisfy(
				(minute) -> assertThat(minute.hits() + minute.misses()).isZero());
	}

	@Test
	void theEngineTimelineCountsHitsMissesAndTimeSaved() throws Throwable {
		CheckpointEngine engine = engine(5);
		EngineCalls calls = new EngineCalls(engine);
		calls.call(this.calculator, "twice", 1);
		calls.call(this.calculator, "twice", 1);
		calls.call(this.calculator, "twice", 1);
		List<MinuteCounts> minutes = engine.administration().timeline().minutes();
		assertThat(minutes).hasSize(CheckpointEngineBuilder.TIMELINE_MINUTES);
		long hits = minutes.stream().mapToLong(MinuteCounts::hits).sum();
		long misses = minutes.stream().mapToLong(MinuteCounts::misses).sum();
		assertThat(hits).isEqualTo(2);
		assertThat(misses).isEqualTo(1);
		assertThat(minutes.stream().map(MinuteCounts::timeSaved).reduce(Duration.ZERO, Duration::plus)).isPositive();
	}

	@Test
	void theTimelineKeepsTheLastMinutesAndForgetsOlderOnes() {
		SettableClock clock = new SettableClock(Instant.parse("2026-12-01T10:00:30Z"));
		CallTimeline timeline = new CallTimeline(3, clock);
		timeline.miss("A#a");
		timeline.hit("A#a", 1, 2_000_000_000L);
		clock.now = Instant.parse("2026-12-01T10:02:10Z");
		timeline.hit("A#a", 1, 1_000_000_000L);
		assertThat(timeline.minutes()).containsExactly(
				new MinuteCounts(Instant.parse("2026-12-01T10:00:00Z"), 1, 1, Duration.ofSeconds(2)),
				new MinuteCounts(Instant.parse("2026-12-01T10:01:00Z"), 0, 0, Duration.ZERO),
				new MinuteCounts(Instant.parse("2026-12-01T10:02:00Z"), 1, 0, Duration.ofSeconds(1)));
		clock.now = Instant.parse("2026-12-01T10:03:00Z");
		timeline.miss("A#a");
		assertThat(timeline.minutes()).extracting(MinuteCounts::minute)
			.containsExactly(Instant.parse("2026-12-01T10:01:00Z"), Instant.parse("2026-12-01T10:02:00Z"),
					Instant.parse("2026-12-01T10:03:00Z"));
		assertThat(timeline.minutes().get(2).misses()).as("the ring came round: the bucket of 10:00 was reset")
			.isEqualTo(1);
	}

	@Test
	void aNegativeSizeIsRefusedNamingTheSetting() {
		assertThatIllegalArgumentException().isThrownBy(() -> CheckpointEngine.builder().recentCalls(-1))
			.withMessageContaining("recentCalls");
	}

	private static final class SettableClock extends Clock {

		Instant now;

		SettableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
