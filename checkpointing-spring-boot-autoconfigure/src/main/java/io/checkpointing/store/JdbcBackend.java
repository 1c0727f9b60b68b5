package io.checkpointing.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.checkpointing.key.CallKey;
import org.jspecify.annotations.Nullable;

/**
 * Stores each entry as one row of a PostgreSQL table, created on first use if missing:
 *
 * <pre>
 * entry_key    CHAR(64) PRIMARY KEY      the key, 64 hexadecimal digits
 * method_name  VARCHAR(1000)             metadata for listings and for humans with SQL
 * created_at   TIMESTAMP WITH TIME ZONE
 * entry_size   BIGINT                    the entry's size in bytes
 * header       BYTEA                     the entry's header: listings read it, not the entry
 * entry        BYTEA                     the whole entry, in the entry format
 * </pre>
 *
 * A write is one {@code INSERT ... ON CONFLICT DO UPDATE}, so a reader sees the old entry, the
 * new one or none. Entries are streamed to the driver; PostgreSQL limits a value to 1 GB.
 *
 * <p>A miss is computed once across every process that shares the table: the first takes the
 * key's session-level advisory lock ({@code pg_try_advisory_lock}) on a connection that it keeps
 * while it computes and that it uses to store the entry. If the process dies, the server ends the
 * session and the lock with it; there is no lease to tune. Each key being computed holds one
 * connection of the pool.
 */
public final class JdbcBackend implements CacheBackend {

	/** The default table name. */
	public static final String DEFAULT_TABLE_NAME = "checkpointing_entry";

	private static final Pattern IDENTIFIER = Pattern.compile("([A-Za-z_][A-Za-z0-9_]{0,62}\\.)?[A-Za-z_][A-Za-z0-9_]{0,62}");

	/** Serializes the creation of tables: concurrent CREATE TABLE IF NOT EXISTS can fail in PostgreSQL. */
	private static final long CREATE_TABLE_LOCK = 0x636B70745F646C6CL; // "ckpt_ddl"

	private final DataSource dataSource;

	private final String tableName;

	private final long lockNamespace;

	/** The connections of the locks this process holds, so their holder stores through them. */
	private final ConcurrentMap<CallKey, AdvisoryLock> heldLocks = new ConcurrentHashMap<>();

	private volatile boolean tableReady;

	/**
	 * Held while the table is checked or created, across a round trip to the database: a lock
	 * rather than a monitor, so that a virtual thread waiting on the network here does not pin its
	 * carrier thread (Java 21 to 23 pin inside {@code synchronized}).
	 */
	private final ReentrantLock tableCheck = new ReentrantLock();

	/**
	 * @param dataSource the database, PostgreSQL
	 * @param tableName the table that holds the entries: a letter or underscore, then letters,
	 * digits or underscores, optionally qualified by a schema ({@code schema.table})
	 */
	public JdbcBackend(DataSource dataSource, String tableName) {
		if (!IDENTIFIER.matcher(tableName).matches()) {
			throw new IllegalArgumentException("The table name (checkpointing.jdbc.table-name) '" + tableName
					+ "' is not a plain SQL identifier: use letters, digits and underscores, not starting with a digit,"
					+ " at most 63 characters, optionally after a schema and a dot");
		}
		this.dataSource = dataSource;
		this.tableName = tableName;
		this.lockNamespace = tableName.toLowerCase(java.util.Locale.ROOT).hashCode() * 0x9E3779B97F4A7C15L;
	}

	/**
	 * @return the table that holds the entries
	 */
	public String tableName() {
		return this.tableName;
	}

	@Override
	public Optional<ByteBuffer> read(CallKey key) throws IOException {
		Optional<InputStream> entry = readStream(key);
		if (entry.isEmpty()) {
			return Optional.empty();
		}
		try (InputStream in = entry.get()) {
			return Optional.of((in instanceof ByteBufferInputStream buffer) ? buffer.unread() : ByteBuffer.wrap(in.readAllBytes()));
		}
	}

	/**
	 * An entry of at most {@value JdbcEntryStream#CHUNK_BYTES} bytes, most of them, is read in
	 * one query; a larger one a chunk at a time (see {@link JdbcEntryStream}), never whole.
	 */
	@Override
	public Optional<InputStream> readStream(CallKey key) throws IOException {
		Optional<Optional<InputStream>> small = withConnection(key, "read " + key, (connection) -> {
			try (PreparedStatement select = connection.prepareStatement("SELECT CASE WHEN entry_size <= "
					+ JdbcEntryStream.CHUNK_BYTES + " THEN entry END FROM " + this.tableName + " WHERE entry_key = ?")) {
				select.setString(1, key.hex());
				try (ResultSet row = select.executeQuery()) {
					if (!row.next()) {
						return Optional.of(Optional.<InputStream>empty());
					}
					byte[] entry = row.getBytes(1);
					return (entry != null) ? Optional.of(Optional.<InputStream>of(new ByteBufferInputStream(ByteBuffer.wrap(entry))))
							: Optional.<Optional<InputStream>>empty();
				}
			}
		});
		return small.isPresent() ? small.get() : readLarge(key);
	}

	/** Reads the header column, which listings read too: never the entry. */
	@Override
	public Optional<ByteBuffer> readHead(CallKey key) throws IOException {
		return withConnection(key, "read " + key, (connection) -> JdbcRows.head(connection, this.tableName, key));
	}

	private Optional<InputStream> readLarge(CallKey key) throws IOException {
		AdvisoryLock held = this.heldLocks.get(key);
		boolean borrowed = held != null && held.owner == Thread.currentThread();
		try {
			// The lock's holder reads through the lock's connection, as it stores through it.
			Connection connection = (held != null && borrowed) ? held.connection : this.dataSource.getConnection();
			JdbcEntryStream entry = JdbcEntryStream.open(connection, !borrowed, this.tableName, key.hex());
			if (!entry.exists()) {
				entry.close();
				return Optional.empty();
			}
			return Optional.of(entry);
		}
		catch (SQLException ex) {
			throw failure("read " + key, ex);
		}
	}

	@Override
	public void write(CallKey key, ByteBuffer entry) throws IOException {
		ByteBuffer bytes = entry.duplicate();
		byte[] head = JdbcRows.headOf(bytes);
		withConnection(key, "write " + key, (connection) -> JdbcRows.upsert(connection, this.tableName, key, head,
				bytes.remaining(), new ByteBufferInputStream(bytes.duplicate())));
	}

	/**
	 * The entry is written to a temporary file first ({@link JdbcSpool}): the driver needs its
	 * length before its first byte. The heap holds none of it.
	 */
	@Override
	public void writeStream(CallKey key, EntryWriter entry) throws IOException {
		try (JdbcSpool spool = JdbcSpool.of(entry, location())) {
			byte[] head = spool.head();
			withConnection(key, "write " + key, (connection) -> {
				try (InputStream in = spool.open()) {
					return JdbcRows.upsert(connection, this.tableName, key, head, spool.size(), in);
				}
			});
		}
	}

	@Override
	public boolean delete(CallKey key) throws IOException {
		Integer deleted = withConnection(key, "delete " + key, (connection) -> {
			try (PreparedStatement delete = connection
				.prepareStatement("DELETE FROM " + this.tableName + " WHERE entry_key = ?")) {
				delete.setString(1, key.hex());
				return delete.executeUpdate();
			}
		});
		return deleted > 0;
	}

	/** Lists the entries from the key, size and header columns; the list is read whole. */
	@Override
	public Stream<StoredEntry> list() throws IOException {
		List<StoredEntry> entries = withConnection(null, "list the entries", (connection) -> {
			List<StoredEntry> listed = new ArrayList<>();
			try (Statement select = connection.createStatement();
					ResultSet rows = select.executeQuery("SELECT entry_key, entry_size, header FROM " + this.tableName)) {
				while (rows.next()) {
					JdbcRows.describe(rows.getString(1), rows.getLong(2), rows.getBytes(3)).ifPresent(listed::add);
				}
			}
			return listed;
		});
		return entries.stream();
	}

	@Override
	public void clear() throws IOException {
		withConnection(null, "clear the entries", (connection) -> {
			try (Statement delete = connection.createStatement()) {
				return delete.executeUpdate("DELETE FROM " + this.tableName);
			}
		});
	}

	@Override
	public Optional<KeyLock> tryLock(CallKey key) throws IOException {
		ensureTable();
		Connection connection = null;
		try {
			connection = this.dataSource.getConnection();
			connection.setAutoCommit(true);
			boolean taken;
			try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
				lock.setLong(1, lockId(key));
				try (ResultSet result = lock.executeQuery()) {
					taken = result.next() && result.getBoolean(1);
				}
			}
			if (!taken) {
				connection.close();
				return Optional.empty();
			}
			AdvisoryLock held = new AdvisoryLock(key, connection, Thread.currentThread());
			this.heldLocks.put(key, held);
			return Optional.of(held);
		}
		catch (SQLException ex) {
			closeQuietly(connection);
			throw failure("lock " + key, ex);
		}
	}

	@Override
	public String location() {
		return "jdbc table " + this.tableName;
	}

	/**
	 * The advisory lock id of a key: its 256 bits folded to 64, mixed with the table so that
	 * tables do not share locks. Two keys that share an id only wait for each other.
	 */
	long lockId(CallKey key) {
		String hex = key.hex();
		long id = this.lockNamespace;
		for (int start = 0; start < hex.length(); start += 16) {
			id ^= Long.parseUnsignedLong(hex, start, start + 16, 16);
		}
		return id;
	}

	private <T> T withConnection(@Nullable CallKey key, String description, SqlAction<T> action)
			throws IOException {
		ensureTable();
		AdvisoryLock held = (key != null) ? this.heldLocks.get(key) : null;
		try {
			if (held != null && held.owner == Thread.currentThread()) {
				// The lock's holder stores through the lock's connection: it needs no second one from the pool.
				return action.doWith(held.connection);
			}
			try (Connection connection = this.dataSource.getConnection()) {
				connection.setAutoCommit(true);
				return action.doWith(connection);
			}
		}
		catch (SQLException ex) {
			throw failure(description, ex);
		}
	}

	private void ensureTable() throws IOException {
		if (this.tableReady) {
			return;
		}
		this.tableCheck.lock();
		try {
			if (this.tableReady) {
				return;
			}
			try (Connection connection = this.dataSource.getConnection()) {
				String product = connection.getMetaData().getDatabaseProductName();
				if (!"PostgreSQL".equalsIgnoreCase(product)) {
					throw new IOException("The jdbc backend (checkpointing.backend=jdbc) needs PostgreSQL, but the DataSource is "
							+ product + " (" + connection.getMetaData().getURL() + "); define your own CacheBackend bean"
							+ " for it, as docs/backends.md shows");
				}
				boolean autoCommit = connection.getAutoCommit();
				connection.setAutoCommit(false);
				try (Statement statement = connection.createStatement()) {
					statement.execute("SELECT pg_advisory_xact_lock(" + CREATE_TABLE_LOCK + ")");
					JdbcRows.createTable(connection, statement, this.tableName);
					connection.commit();
				}
				catch (SQLException ex) {
					connection.rollback();
					throw ex;
				}
				finally {
					connection.setAutoCommit(autoCommit);
				}
			}
			catch (SQLException ex) {
				// A database that cannot be reached is no table that cannot be created.
				throw failure(ConnectionFailures.isConnectionFailure(ex) ? "connect to the database"
						: "create the table " + this.tableName + " (or check that it exists)", ex);
			}
			this.tableReady = true;
		}
		finally {
			this.tableCheck.unlock();
		}
	}

	private IOException failure(String description, SQLException ex) {
		return new IOException("Cannot " + description + " in " + location() + ": " + ex.getMessage(), ex);
	}

	private static void closeQuietly(@Nullable Connection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				// already failing; the first failure is the one reported
			}
		}
	}

	@FunctionalInterface
	private interface SqlAction<T> {

		T doWith(Connection connection) throws SQLException, IOException;

	}

	/** A key's advisory lock and the session that holds it. */
	private final class AdvisoryLock implements KeyLock {

		private final CallKey key;

		private final Connection connection;

		private final Thread owner;

		AdvisoryLock(CallKey key, Connection connection, Thread owner) {
			this.key = key;
			this.connection = connection;
			this.owner = owner;
		}

		@Override
		public void close() throws IOException {
			if (!JdbcBackend.this.heldLocks.remove(this.key, this)) {
				return;
			}
			try (PreparedStatement unlock = this.connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
				unlock.setLong(1, lockId(this.key));
				unlock.execute();
			}
			catch (SQLException ex) {
				// A pooled session must not keep the lock: end it, and the server drops the lock.
				try {
					this.connection.abort(Runnable::run);
				}
				catch (SQLException abortFailure) {
					ex.addSuppressed(abortFailure);
				}
				throw failure("unlock key " + this.key, ex);
			}
			finally {
				closeQuietly(this.connection);
			}
		}

	}

}
