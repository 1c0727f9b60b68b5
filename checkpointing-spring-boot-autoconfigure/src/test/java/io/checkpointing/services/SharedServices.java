package io.checkpointing.services;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import com.redis.testcontainers.RedisContainer;
import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Finds the Redis, PostgreSQL and S3 API server that tests run against: containers started by Testcontainers
 * when Docker is available, otherwise the services on loopback (Redis 127.0.0.1:6379,
 * PostgreSQL 127.0.0.1:5432 database {@code test} user {@code postgres}), which the environment
 * variables {@code CHECKPOINTING_REDIS_URL} ({@code redis://host:port}) and
 * {@code CHECKPOINTING_POSTGRES_URL} ({@code jdbc:postgresql://host:port/db}), with
 * {@code CHECKPOINTING_POSTGRES_USER} and {@code CHECKPOINTING_POSTGRES_PASSWORD}, override.
 *
 * The S3 API server is always S3Proxy, which a test JVM starts on loopback as a child process.
 *
 * <p>A service that cannot be reached skips the test with a message that says how to run it,
 * unless {@code CHECKPOINTING_REQUIRE_SERVICES=true} (set by {@code .ci/run}): then it fails.
 */
public final class SharedServices {

	/** The variable that turns a missing service from a skip into a failure. */
	public static final String REQUIRE_SERVICES = "CHECKPOINTING_REQUIRE_SERVICES";

	/**
	 * Generous: a service that is down refuses at once, but one that is up may answer late while it
	 * writes a large entry for a test running beside this one (or for another build on the machine).
	 */
	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

	private static volatile RedisEndpoint redis;

	private static volatile PostgresEndpoint postgres;

	private static volatile S3Endpoint s3;

	private SharedServices() {
	}

	/**
	 * @return the Redis to test against; skips or fails the calling test if there is none
	 */
	public static synchronized RedisEndpoint redis() {
		if (redis == null) {
			redis = findRedis();
		}
		return redis;
	}

	/**
	 * @return the PostgreSQL to test against; skips or fails the calling test if there is none
	 */
	public static synchronized PostgresEndpoint postgres() {
		if (postgres == null) {
			postgres = findPostgres();
		}
		return postgres;
	}

	/**
	 * @return the S3 API server to test against, S3Proxy started for this JVM; skips or fails the
	 * calling test if it cannot start
	 */
	public static synchronized S3Endpoint s3() {
		if (s3 == null) {
			s3 = findS3();
		}
		return s3;
	}

	/**
	 * @param purpose part of the name, for humans who look at the store
	 * @return a name no other test run uses, for key prefixes and table names
	 */
	public static String uniqueName(String purpose) {
		return "ckpt_test_" + purpose.toLowerCase(Locale.ROOT) + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

	private static RedisEndpoint findRedis() {
		if (dockerAvailable()) {
			RedisContainer container = new RedisContainer(RedisContainer.DEFAULT_IMAGE_NAME.withTag("7.4"));
			container.start();
			return new RedisEndpoint(container.getRedisHost(), container.getRedisPort());
		}
		String url = System.getenv().getOrDefault("CHECKPOINTING_REDIS_URL", "redis://127.0.0.1:6379");
		URI uri = URI.create(url);
		RedisEndpoint endpoint = new RedisEndpoint(uri.getHost(), (uri.getPort() > 0) ? uri.getPort() : 6379);
		RedisClient client = RedisClient.create(RedisURI.builder().withHost(endpoint.host()).withPort(endpoint.port())
			.withTimeout(CONNECT_TIMEOUT).build());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			connection.sync().ping();
		}
		catch (RuntimeException ex) {
			missing("Redis", url + " (" + ex.getMessage() + ")",
					"start one with 'redis-server --port 6379', set CHECKPOINTING_REDIS_URL, or install Docker");
		}
		finally {
			client.shutdown();
		}
		return endpoint;
	}

	private static PostgresEndpoint findPostgres() {
		if (dockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
			container.start();
			return new PostgresEndpoint(container.getJdbcUrl(), container.getUsername(), container.getPassword());
		}
		PostgresEndpoint endpoint = new PostgresEndpoint(
				System.getenv().getOrDefault("CHECKPOINTING_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
				System.getenv().getOrDefault("CHECKPOINTING_POSTGRES_USER", "postgres"),
				System.getenv().getOrDefault("CHECKPOINTING_POSTGRES_PASSWORD", ""));
		DriverManager.setLoginTimeout((int) CONNECT_TIMEOUT.toSeconds());
		try (Connection connection = endpoint.connect()) {
			connection.isValid((int) CONNECT_TIMEOUT.toSeconds());
		}
		catch (SQLException ex) {
			missing("PostgreSQL", endpoint.jdbcUrl() + " as " + endpoint.username() + " (" + ex.getMessage() + ")",
					"start one with 'pg_ctlcluster <version> main start' (database 'test', user 'postgres', trust auth),"
							+ " set CHECKPOINTING_POSTGRES_URL/_USER/_PASSWORD, or install Docker");
		}
		return endpoint;
	}

	private static S3Endpoint findS3() {
		Path jar = S3ProxyServer.jar();
		if (jar == null) {
			missing("S3Proxy", "target/s3proxy/s3proxy.jar (the build copies it in generate-test-resources)",
					"build with './mvnw test', which copies org.gaul:s3proxy's jar-with-dependencies there");
		}
		try {
			S3Endpoint endpoint = new S3Endpoint(S3ProxyServer.start(Objects.requireNonNull(jar)).endpoint(), S3ProxyServer.ACCESS_KEY,
					S3ProxyServer.SECRET_KEY, "checkpointing-tests");
			try (S3Client client = endpoint.client()) {
				client.createBucket((create) -> create.bucket(endpoint.bucket()));
			}
			return endpoint;
		}
		catch (IOException | RuntimeException ex) {
			missing("S3Proxy", jar + " (" + ex.getMessage() + ")", "its output is in the message");
			throw new IllegalStateException(ex); // missing() threw already
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	private static void missing(String service, String tried, String howTo) {
		String message = service + " is not reachable at " + tried + " and Docker is not available: " + howTo + ".";
		if (Boolean.parseBoolean(System.getenv(REQUIRE_SERVICES))) {
			Assertions.fail(message + " " + REQUIRE_SERVICES + "=true makes this a failure.");
		}
		Assumptions.abort(message + " Skipped; " + REQUIRE_SERVICES + "=true makes this a failure.");
	}

	/**
	 * Where a Redis listens.
	 * @param host its host
	 * @param port its port
	 */
	public record RedisEndpoint(String host, int port) {

		/** @return the URL, for {@code spring.data.redis.url} */
		public String url() {
			return "redis://" + this.host + ":" + this.port;
		}

		/** @return a started connection factory, to be destroyed by the caller */
		public LettuceConnectionFactory connectionFactory() {
			LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(this.host, this.port));
			factory.afterPropertiesSet();
			factory.start();
			return factory;
		}

	}

	/**
	 * An S3 API server on loopback, with a bucket of the tests'.
	 * @param endpoint its URL
	 * @param accessKey the access key it accepts
	 * @param secretKey the secret key it accepts
	 * @param bucket the bucket, which exists
	 */
	public record S3Endpoint(URI endpoint, String accessKey, String secretKey, String bucket) {

		/** @return a client with the keys, path-style, to be closed by the caller */
		public S3Client client() {
			return S3Client.builder()
				.endpointOverride(this.endpoint)
				.region(Region.US_EAST_1)
				.forcePathStyle(true)
				.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(this.accessKey, this.secretKey)))
				.build();
		}

		/**
		 * @return the options of a JVM whose AWS SDK finds the keys in the default credentials chain
		 * (as system properties)
		 */
		public List<String> credentialOptions() {
			return List.of("-Daws.accessKeyId=" + this.accessKey, "-Daws.secretAccessKey=" + this.secretKey);
		}

	}

	/**
	 * How to reach a PostgreSQL database.
	 * @param jdbcUrl its JDBC URL
	 * @param username the user
	 * @param password the password, empty with trust authentication
	 */
	public record PostgresEndpoint(String jdbcUrl, String username, String password) {

		/** @return a new connection, outside any pool */
		public Connection connect() throws SQLException {
			return DriverManager.getConnection(this.jdbcUrl, this.username, this.password);
		}

		/**
		 * @param poolSize the pool's maximum size
		 * @return a pool, to be closed by the caller
		 */
		public HikariDataSource dataSource(int poolSize) {
			HikariDataSource dataSource = new HikariDataSource();
			dataSource.setJdbcUrl(this.jdbcUrl);
			dataSource.setUsername(this.username);
			dataSource.setPassword(this.password);
			dataSource.setMaximumPoolSize(poolSize);
			return dataSource;
		}

	}

}
