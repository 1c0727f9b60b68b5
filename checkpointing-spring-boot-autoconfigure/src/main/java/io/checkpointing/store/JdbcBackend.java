package io.checkpointing.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
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

	private static final int HEADER_LENGTH_OFFSET = 8;

	private static final int MIN_HEADER_BYTES = 4096;

	private static final int MAX_METHOD_NAME = 1000;

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
		return withConnection(key, "read " + key, (connection) -> {
			try (PreparedStatement select = connection
				.prepareStatement("SELECT entry FROM " + this.tableName + " WHERE entry_key = ?")) {
				select.setString(1, key.hex());
				try (ResultSet row = select.executeQuery()) {
					if (!row.next()) {
						return Optional.empty();
					}
					try (InputStream in = row.getBinaryStream(1)) {
						return Optional.of(ByteBuffer.wrap(in.readAllBytes()));
					}
				}
			}
		});
	}

	@Override
	public void write(CallKey key, ByteBuffer entry) throws IOException {
		ByteBuffer bytes = entry.duplicate();
		byte[] header = headerOf(bytes);
		EntryHeader parsed = parseHeader(header);
		withConnection(key, "write " + key, (connection) -> {
			try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + this.tableName
					+ " (entry_key, method_name, created_at, entry_size, header, entry) VALUES (?, ?, ?, ?, ?, ?)"
					+ " ON CONFLICT (entry_key) DO UPDATE SET method_name = EXCLUDED.method_name,"
					+ " created_at = EXCLUDED.created_at, entry_size = EXCLUDED.entry_size,"
					+ " header = EXCLUDED.header, entry = EXCLUDED.entry")) {
				upsert.setString(1, key.hex());
				if (parsed != null) {
					upsert.setString(2, truncate(parsed.methodName()));
					upsert.setTimestamp(3, Timestamp.from(parsed.created()));
				}
				else {
					upsert.setNull(2, Types.VARCHAR);
					upsert.setNull(3, Types.TIMESTAMP_WITH_TIMEZONE);
				}
				upsert.setLong(4, bytes.remaining());
				upsert.setBytes(5, header);
				upsert.setBinaryStream(6, new ByteBufferInputStream(bytes.duplicate()), bytes.remaining());
				return upsert.executeUpdate();
			}
		});
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
					describe(rows.getString(1), rows.getLong(2), rows.getBytes(3)).ifPresent(listed::add);
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
					statement.execute("CREATE TABLE IF NOT EXISTS " + this.tableName + " ("
							+ "entry_key CHAR(64) PRIMARY KEY, method_name VARCHAR(" + MAX_METHOD_NAME + "),"
							+ " created_at TIMESTAMP WITH TIME ZONE, entry_size BIGINT NOT NULL,"
							+ " header BYTEA NOT NULL, entry BYTEA NOT NULL)");
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

	private Optional<StoredEntry> describe(String hex, long size, byte[] header) {
		try {
			return Optional.of(new StoredEntry(CallKey.fromHex(hex.trim()), size,
					EntryFormat.readHeader(new ByteArrayInputStream(header), size)));
		}
		catch (IllegalArgumentException | IOException | DamagedEntryException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The leading bytes that hold the header: as many as the entry says its header has, at least
	 * 4 KB, at most the whole entry. A damaged entry is stored as it is, its listing left out.
	 */
	private static byte[] headerOf(ByteBuffer entry) {
		int length = Math.min(entry.remaining(), MIN_HEADER_BYTES);
		if (entry.remaining() > HEADER_LENGTH_OFFSET + 4) {
			int declared = entry.getInt(entry.position() + HEADER_LENGTH_OFFSET);
			if (declared > length && declared <= entry.remaining()) {
				length = declared;
			}
		}
		byte[] header = new byte[length];
		entry.duplicate().get(header);
		return header;
	}

	private static @Nullable EntryHeader parseHeader(byte[] header) {
		try {
			return EntryFormat.readHeader(new ByteArrayInputStream(header));
		}
		catch (IOException | DamagedEntryException ex) {
			return null;
		}
	}

	private static String truncate(String text) {
		return (text.length() <= MAX_METHOD_NAME) ? text : text.substring(0, MAX_METHOD_NAME);
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
