package io.checkpointing.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One Redis master and one Sentinel that monitors it (quorum 1) on free loopback ports, in a
 * temporary directory removed by {@link #close()}. The Sentinel is {@code redis-server --sentinel},
 * the same program as {@code redis-sentinel}, which is packaged apart. Tests get it from
 * {@link LocalRedisExtension}, which starts it once per JVM.
 */
public final class LocalRedisSentinel implements AutoCloseable {

	/** The name of the monitored master, for {@code spring.data.redis.sentinel.master}. */
	public static final String MASTER_NAME = "checkpointing";

	private final Path directory;

	private final RedisProcesses processes = new RedisProcesses();

	private int sentinelPort;

	private LocalRedisSentinel(Path directory) {
		this.directory = directory;
	}

	static LocalRedisSentinel start() throws IOException, InterruptedException {
		LocalRedisSentinel sentinel = new LocalRedisSentinel(Files.createTempDirectory("checkpointing-redis-sentinel"));
		try {
			int masterPort = RedisProcesses.freePort();
			sentinel.processes.start(sentinel.directory.resolve("master"), masterPort, RedisProcesses.NOTHING_SAVED);
			sentinel.sentinelPort = RedisProcesses.freePort();
			sentinel.processes.start(sentinel.directory.resolve("sentinel"), sentinel.sentinelPort,
					List.of("sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + masterPort + " 1"), "--sentinel");
			return sentinel;
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			sentinel.close();
			throw ex;
		}
	}

	/** @return {@code host:port} of the Sentinel, for {@code spring.data.redis.sentinel.nodes} */
	public String nodes() {
		return "127.0.0.1:" + this.sentinelPort;
	}

	@Override
	public void close() throws IOException, InterruptedException {
		this.processes.close();
		try (Stream<Path> files = Files.walk(this.directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
	}

}
