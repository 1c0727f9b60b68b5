package io.checkpointing.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.concurrent.TimeUnit;

import io.checkpointing.engine.MemoryTier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * A hit on a small result (a record of five fields) through a Spring proxy: ours on the
 * filesystem without and with the in-memory tier, against {@code @Cacheable} with Caffeine and
 * with a {@code ConcurrentMap}, and against reading the entry file alone (the floor of a hit that
 * reads a file).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class SmallValueHit {

	private static final int ID = 42;

	private Path directory;

	private Path entryFile;

	private AnnotationConfigApplicationContext tierOff;

	private AnnotationConfigApplicationContext tierOn;

	private AnnotationConfigApplicationContext caffeine;

	private AnnotationConfigApplicationContext concurrentMap;

	private CheckpointedPoints oursTierOff;

	private CheckpointedPoints oursTierOn;

	private CachedPoints cacheableCaffeine;

	private CachedPoints cacheableConcurrentMap;

	@Setup
	public void start() throws IOException {
		this.directory = Contexts.temporaryDirectory("small");
		this.tierOff = Contexts.checkpointing(this.directory, null, CheckpointedPoints.class);
		this.tierOn = Contexts.checkpointing(this.directory, MemoryTier.maxEntries(10_000), CheckpointedPoints.class);
		CaffeineCacheManager caffeineManager = new CaffeineCacheManager();
		caffeineManager.setCacheSpecification("maximumSize=10000");
		this.caffeine = Contexts.caching(caffeineManager, CachedPoints.class);
		this.concurrentMap = Contexts.caching(new ConcurrentMapCacheManager(), CachedPoints.class);
		this.oursTierOff = this.tierOff.getBean(CheckpointedPoints.class);
		this.oursTierOn = this.tierOn.getBean(CheckpointedPoints.class);
		this.cacheableCaffeine = this.caffeine.getBean(CachedPoints.class);
		this.cacheableConcurrentMap = this.concurrentMap.getBean(CachedPoints.class);
		// The first calls miss and store; every measured call hits.
		this.oursTierOff.point(ID);
		this.oursTierOn.point(ID);
		this.cacheableCaffeine.point(ID);
		this.cacheableConcurrentMap.point(ID);
		try (Stream<Path> files = Files.walk(this.directory)) {
			this.entryFile = files.filter((file) -> file.toString().endsWith(".ckpt")).findFirst().orElseThrow();
		}
	}

	@TearDown
	public void stop() {
		this.tierOff.close();
		this.tierOn.close();
		this.caffeine.close();
		this.concurrentMap.close();
		Contexts.delete(this.directory);
	}

	@Benchmark
	public Point oursFilesystemTierOff() {
		return this.oursTierOff.point(ID);
	}

	@Benchmark
	public Point oursFilesystemTierOn() {
		return this.oursTierOn.point(ID);
	}

	@Benchmark
	@Baseline
	public Point peerCacheableCaffeine() {
		return this.cacheableCaffeine.point(ID);
	}

	/** The floor under any hit that reads a file: open, size, read and close the entry ours reads. */
	@Benchmark
	public byte[] limitReadEntryFile() throws IOException {
		return Files.readAllBytes(this.entryFile);
	}

	@Benchmark
	public Point peerCacheableConcurrentMap() {
		return this.cacheableConcurrentMap.point(ID);
	}

}
