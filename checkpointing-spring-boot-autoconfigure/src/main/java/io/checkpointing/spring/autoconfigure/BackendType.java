package io.checkpointing.spring.autoconfigure;

/** The built-in backends. */
public enum BackendType {

	/** Files under {@code checkpointing.directory}: results survive restarts. */
	FILESYSTEM,

	/** This JVM's heap: results are lost when it stops. For tests. */
	MEMORY,

	/** Redis, through Spring Boot's RedisConnectionFactory: shared by every instance. */
	REDIS,

	/** A table in the application's DataSource (PostgreSQL): shared by every instance. */
	JDBC,

	/** A bucket of Amazon S3 or of an S3-compatible server: shared by every instance. */
	S3

}
