package io.checkpointing.engine;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import io.checkpointing.services.SharedServices;
import io.checkpointing.services.SharedServices.PostgresEndpoint;
import io.checkpointing.services.SharedServices.RedisEndpoint;
import io.checkpointing.services.SharedServices.S3Endpoint;
import io.checkpointing.spring.redis.RedisBackend;
import io.checkpointing.spring.redis.RedisBackendBuilder;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.FilesystemBackend;
import io.checkpointing.store.JdbcBackend;
import io.checkpointing.store.MemoryBackend;
import io.checkpointing.store.s3.S3BackendBuilder;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The backends {@link LargeResultHeapTest} stores a large result in, each on its own place in a
 * shared service. The test JVM {@linkplain #place chooses the place} and {@linkplain #remove
 * removes it}; {@link LargeResultProgram}, in a JVM of its own, {@linkplain #open opens} the
 * backend there. A place is one string, its parts separated by {@code |}.
 */
enum LargeResultBackend {

	FILESYSTEM {
		@Override
		String place(Path directory) {
			return directory.toString();
		}

		@Override
		CacheBackend open(List<String> place) {
			return new FilesystemBackend(Path.of(place.get(0)));
		}

		@Override
		void remove(String place) {
			// In the test's temporary directory, which JUnit deletes.
		}
	},

	JDBC {
		@Override
		String place(Path directory) {
			PostgresEndpoint postgres = SharedServices.postgres();
			return String.join("|", postgres.jdbcUrl(), postgres.username(), postgres.password(),
					SharedServices.uniqueName("large_result"));
		}

		@Override
		CacheBackend open(List<String> place) {
			PGSimpleDataSource dataSource = new PGSimpleDataSource();
			dataSource.setUrl(place.get(0));
			dataSource.setUser(place.get(1));
			dataSource.setPassword(place.get(2));
			return new JdbcBackend(dataSource, place.get(3));
		}

		@Override
		void remove(String place) throws Exception {
			List<String> parts = parts(place);
			try (Connection connection = new PostgresEndpoint(parts.get(0), parts.get(1), parts.get(2)).connect();
					Statement drop = connection.createStatement()) {
				drop.execute("DROP TABLE IF EXISTS " + parts.get(3));
			}
		}
	},

	S3 {
		@Override
		String place(Path directory) {
			S3Endpoint s3 = SharedServices.s3();
			return String.join("|", s3.endpoint().toString(), s3.accessKey(), s3.secretKey(), s3.bucket(),
					SharedServices.uniqueName("large-result") + "/");
		}

		@Override
		CacheBackend open(List<String> place) {
			S3Endpoint s3 = new S3Endpoint(URI.create(place.get(0)), place.get(1), place.get(2), place.get(3));
			// The client is the backend's to close: it lives as long as the program.
			return new S3BackendBuilder(s3.bucket()).client(s3.client()).prefix(place.get(4)).build();
		}
	},

	REDIS {
		@Override
		String place(Path directory) {
			RedisEndpoint redis = SharedServices.redis();
			return String.join("|", redis.host(), Integer.toString(redis.port()), SharedServices.uniqueName("large-result") + ":");
		}

		@Override
		CacheBackend open(List<String> place) {
			return new RedisBackendBuilder(new RedisEndpoint(place.get(0), Integer.parseInt(place.get(1))).connectionFactory(),
					place.get(2), Duration.ofSeconds(30)).build();
		}

		@Override
		void remove(String place) throws Exception {
			List<String> parts = parts(place);
			LettuceConnectionFactory connectionFactory = new RedisEndpoint(parts.get(0), Integer.parseInt(parts.get(1)))
				.connectionFactory();
			try (RedisBackend backend = new RedisBackendBuilder(connectionFactory, parts.get(2), Duration.ofSeconds(30)).build()) {
				backend.clear();
			}
			finally {
				connectionFactory.destroy();
			}
		}
	},

	/** Nothing outlives the JVM: the program calls twice in one JVM, the miss then the hit. */
	MEMORY {
		@Override
		String place(Path directory) {
			return "memory";
		}

		@Override
		CacheBackend open(List<String> place) {
			return new MemoryBackend();
		}

		@Override
		void remove(String place) {
			// Gone with the program's JVM.
		}
	};

	/**
	 * @param directory a temporary directory of the test's
	 * @return a place of the test's own for the backend's entries
	 */
	abstract String place(Path directory);

	/** @return the backend on the place (in the program's JVM) */
	abstract CacheBackend open(List<String> place);

	/** Deletes the entries on the place and, where the backend made one, the place itself. */
	void remove(String place) throws Exception {
		CacheBackend backend = open(parts(place));
		try {
			backend.clear();
		}
		finally {
			((AutoCloseable) backend).close();
		}
	}

	static List<String> parts(String place) {
		return List.of(place.split("\\|", -1));
	}

}
