package io.checkpointing.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A Redis Cluster of three masters (no replicas) on free loopback ports, made with
 * {@code redis-cli --cluster create} in a temporary directory and removed by {@link #close()}.
 * Tests get it from {@link LocalRedisExtension}, which starts it once per JVM.
 */
public final class LocalRedisCluster implements AutoCloseable {

	private static final Duration FORMING = Duration.ofSeconds(60);

	private final Path directory;

	private final RedisProcesses processes = new RedisProcesses();

	private final List<Integer> ports = new ArrayList<>();

	private LocalRedisCluster(Path directory) {
		this.directory = directory;
	}

	static LocalRedisCluster start() throws IOException, InterruptedException {
		LocalRedisCluster cluster = new LocalRedisCluster(Files.createTempDirectory("checkpointing-redis-cluster"));
		try {
			cluster.startMasters(3);
			cluster.form();
			return cluster;
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	/** @return {@code host:port} of every master, for {@code spring.data.redis.cluster.nodes} */
	public String nodes() {
		return this.ports.stream().map((port) -> "127.0.0.1:" + port).collect(Collectors.joining(","));
	}

	/** @return a started connection factory on the cluster, to be destroyed by the caller */
	public LettuceConnectionFactory connectionFactory() {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisClusterConfiguration(List.of(nodes().split(","))));
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	private void startMasters(int count) throws IOException, InterruptedException {
		for (int i = 0; i < count; i++) {
			int port = RedisProcesses.freePort();
			List<String> configuration = new ArrayList<>(RedisProcesses.NOTHING_SAVED);
			// The bus port is chosen free as well, instead of Redis' default of port + 10000.
			configuration.addAll(List.of("cluster-enabled yes", "cluster-config-file nodes.conf",
					"cluster-port " + RedisProcesses.freePort(), "cluster-node-timeout 5000"));
			this.processes.start(this.directory.resolve("node-" + port), port, configuration);
			this.ports.add(port);
		}
	}

	private void form() throws IOException, InterruptedException {
		List<String> create = new ArrayList<>(List.of("--cluster", "create"));
		create.addAll(List.of(nodes().split(",")));
		create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
		RedisProcesses.cli(create.toArray(new String[0]));
		long deadline = System.nanoTime() + FORMING.toNanos();
		for (int port : this.ports) {
			while (!RedisProcesses.cli("-p", Integer.toString(port), "cluster", "info").contains("cluster_state:ok")) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("The Redis Cluster " + nodes() + " is not ok after "
							+ FORMING.toSeconds() + " s; see the logs in " + this.directory);
				}
				Thread.sleep(100);
			}
		}
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
