package io.checkpointing.store;

import java.sql.SQLException;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Tells a store that cannot be reached from one that answered with an error. Drivers wrap the
 * socket's failure in their own exceptions, often several times, and this package knows no
 * driver: the cause chain is searched for the exceptions of the JDK, of JDBC and, by name, of
 * the drivers and Spring, that mean the connection failed or timed out.
 */
final class ConnectionFailures {

	private static final Set<String> CONNECTION_FAILURES = Set.of("java.net.ConnectException",
			"java.net.SocketTimeoutException", "java.net.SocketException", "java.net.UnknownHostException",
			"java.net.NoRouteToHostException", "java.nio.channels.ClosedChannelException",
			"java.sql.SQLTransientConnectionException", "java.sql.SQLNonTransientConnectionException",
			"org.springframework.dao.DataAccessResourceFailureException",
			"org.springframework.dao.QueryTimeoutException",
			"org.springframework.data.redis.RedisConnectionFailureException",
			"org.springframework.jdbc.CannotGetJdbcConnectionException",
			"io.lettuce.core.RedisConnectionException", "io.lettuce.core.RedisCommandTimeoutException",
			"redis.clients.jedis.exceptions.JedisConnectionException",
			"software.amazon.awssdk.core.exception.ApiCallTimeoutException",
			"software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException");

	/** SQLSTATE class 08 is "connection exception" in the SQL standard. */
	private static final String CONNECTION_SQL_STATE_CLASS = "08";

	private static final int MAX_CAUSES = 16;

	private ConnectionFailures() {
	}

	/**
	 * @param failure what a store threw
	 * @return whether it, or one of its causes, says the store could not be reached
	 */
	static boolean isConnectionFailure(@Nullable Throwable failure) {
		Throwable cause = failure;
		for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& sql.getSQLState().startsWith(CONNECTION_SQL_STATE_CLASS)) {
				return true;
			}
			for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
				if (CONNECTION_FAILURES.contains(type.getName())) {
					return true;
				}
			}
			cause = (cause.getCause() != cause) ? cause.getCause() : null;
		}
		return false;
	}

}
