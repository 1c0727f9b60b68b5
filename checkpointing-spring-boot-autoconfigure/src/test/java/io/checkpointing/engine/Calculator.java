package io.checkpointing.engine;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.checkpointing.Checkpoint;
import io.checkpointing.OnError;

/** A checkpointed class for engine tests: every method counts how often its body runs. */
public class Calculator {

	final AtomicInteger runs = new AtomicInteger();

	@Checkpoint
	public int twice(int value) {
		this.runs.incrementAndGet();
		return value * 2;
	}

	@Checkpoint(ttl = "1ms")
	public int fleeting(int value) {
		this.runs.incrementAndGet();
		return value * 2;
	}

	@Checkpoint(ttl = "7d")
	public int lasting(int value) {
		this.runs.incrementAndGet();
		return value * 2;
	}

	@Checkpoint(ttl = "soon")
	public int badlyTimed(int value) {
		this.runs.incrementAndGet();
		return value * 2;
	}

	@Checkpoint
	public String describe(String name, @Checkpoint.Ignore Object progress) {
		this.runs.incrementAndGet();
		return "hello " + name;
	}

	@Checkpoint
	public String nothing(int value) {
		this.runs.incrementAndGet();
		return null;
	}

	@Checkpoint
	public int failing(int value) {
		this.runs.incrementAndGet();
		throw new IllegalStateException("boom " + value);
	}

	@Checkpoint
	public Optional<String> maybe(boolean present) {
		this.runs.incrementAndGet();
		return present ? Optional.of("here") : Optional.empty();
	}

	@Checkpoint
	public CompletableFuture<List<Integer>> later(int count) {
		this.runs.incrementAndGet();
		return CompletableFuture.supplyAsync(() -> Stream.iterate(0, (i) -> i + 1).limit(count).toList());
	}

	@Checkpoint
	public CompletableFuture<Integer> laterFailing(int value) {
		this.runs.incrementAndGet();
		return CompletableFuture.failedFuture(new IllegalStateException("no"));
	}

	@Checkpoint
	public int sum(Stream<Integer> numbers) {
		this.runs.incrementAndGet();
		return numbers.mapToInt(Integer::intValue).sum();
	}

	@Checkpoint
	public Thread unserializable(int value) {
		this.runs.incrementAndGet();
		return Thread.currentThread();
	}

	@Checkpoint
	public Shape unreadable(int value) {
		this.runs.incrementAndGet();
		return new Square(value);
	}

	/** Written as the record it is, but read as an interface no serializer can instantiate. */
	public interface Shape {

		int side();

	}

	public record Square(int side) implements Shape {
	}

	@Checkpoint(onError = OnError.RAISE)
	public int strictSum(Stream<Integer> numbers) {
		this.runs.incrementAndGet();
		return numbers.mapToInt(Integer::intValue).sum();
	}

	@Checkpoint(serializer = "nope")
	public int unknownSerializer(int value) {
		this.runs.incrementAndGet();
		return value;
	}

	@Checkpoint
	public int slow(int value) throws InterruptedException {
		this.runs.incrementAndGet();
		Thread.sleep(200);
		return value;
	}

	@Checkpoint(version = "1")
	public int versionOne(int value) {
		this.runs.incrementAndGet();
		return value;
	}

	@Checkpoint(version = "2")
	public int versionTwo(int value) {
		this.runs.incrementAndGet();
		return value;
	}

	@Checkpoint
	public int gate(int key, @Checkpoint.Ignore java.util.concurrent.CountDownLatch release) throws InterruptedException {
		this.runs.incrementAndGet();
		release.await();
		return key;
	}

	@Checkpoint
	public int reenter(int key, @Checkpoint.Ignore int depth, @Checkpoint.Ignore Calls calls) throws Throwable {
		this.runs.incrementAndGet();
		return (depth == 0) ? 0 : (int) calls.call(this, "reenter", key, depth - 1, calls) + 1;
	}

	@Checkpoint
	public int outer(int value, Calls calls) throws Throwable {
		this.runs.incrementAndGet();
		return (int) calls.call(this, "twice", value) + 1;
	}

	/** Calls a checkpointed method of a target through the engine, as the aspect would. */
	@FunctionalInterface
	public interface Calls {

		Object call(Object target, String method, Object... arguments) throws Throwable;

	}

}
