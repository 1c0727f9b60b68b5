package io.checkpointing.benchmarks;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.checkpointing.spring.redis.RedisBackend;
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

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A hit on a small result stored in Redis: ours (the {@code redis} backend) against Spring's
 * {@code @Cacheable} with {@code RedisCacheManager}, both through a Spring proxy and one Lettuce
 * connection to the same server. Runs only when Redis answers on {@code 127.0.0.1:6379} (or
 * {@code -Dbenchmarks.redis.host}/{@code .port}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class RedisHit {

	private static final int ID = 42;

	private LettuceConnectionFactory connections;

	private RedisBackend backend;

	private AnnotationConfigApplicationContext ours;

	private AnnotationConfigApplicationContext cacheable;

	private CheckpointedPoints checkpointed;

	private CachedPoints cached;

	@Setup
	public void start() {
		this.connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(host(), port()));
		this.connections.afterPropertiesSet();
		this.connections.start();
		this.backend = new RedisBackend(this.connections, "checkpointing-benchmark:" + ProcessHandle.current().pid() + ":",
				null, Duration.ofSeconds(30));
		this.ours = Contexts.checkpointing(this.backend, null, CheckpointedPoints.class);
		this.cacheable = Contexts.caching(RedisCacheManager.create(this.connections), CachedPoints.class);
		this.checkpointed = this.ours.getBean(CheckpointedPoints.class);
		this.cached = this.cacheable.getBean(CachedPoints.class);
		// The first calls miss and store; every measured call hits.
		this.checkpointed.point(ID);
		this.cached.point(ID);
	}

	@TearDown
	public void stop() throws Exception {
		this.backend.clear();
		this.cached.evictAll();
		this.ours.close();
		this.cacheable.close();
		this.backend.close();
		this.connections.destroy();
	}

	@Benchmark
	public Point oursRedis() {
		return this.checkpointed.point(ID);
	}

	@Benchmark
	@Baseline
	public Point peerCacheableRedisCacheManager() {
		return this.cached.point(ID);
	}

	/** @return whether a Redis server accepts connections where this benchmark looks for one */
	static boolean redisAnswers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host(), port()), 500);
			return true;
		}
		catch (java.io.IOException ex) {
			return false;
		}
	}

	private static String host() {
		return System.getProperty("benchmarks.redis.host", "127.0.0.1");
	}

	private static int port() {
		return Integer.getInteger("benchmarks.redis.port", 6379);
	}

}
