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
import java.util.Optional;

import io.checkpointing.key.CallKey;
import org.jspecify.annotations.Nullable;

/**
 * The row of an entry in the table of a {@link JdbcBackend}: the columns written with it (its
 * header, method name, creation time and size, for listings) and the one statement that writes
 * it, streaming the entry to the driver.
 */
final class JdbcRows {

	static final int MAX_METHOD_NAME = 1000;

	private static final int MIN_HEADER_BYTES = 4096;

	private JdbcRows() {
	}

	/**
	 * Inserts or replaces the row of a key in one statement, so a reader sees the old entry, the
	 * new one or none.
	 * @param head the entry's first bytes, at least its header (see {@link #headLength})
	 * @param size the entry's size
	 * @param entry the whole entry, streamed to the driver
	 */
	static int upsert(Connection connection, String tableName, CallKey key, byte[] head, long size, InputStream entry)
			throws SQLException {
		byte[] header = head;
		EntryHeader parsed = parseHeader(header, size);
		try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + tableName
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
			upsert.setLong(4, size);
			upsert.setBytes(5, header);
			upsert.setBinaryStream(6, entry, size);
			return upsert.executeUpdate();
		}
	}

	/**
	 * The leading bytes that hold the header: as many as the entry says its header has, at least
	 * 4 KB, at most the whole entry. A damaged entry is stored as it is, its listing left out.
	 * @param start the entry's first bytes, at least {@value #MIN_HEADER_BYTES} unless it is shorter
	 * @param size the entry's size
	 * @return how many of its first bytes to keep as its header
	 */
	static int headLength(ByteBuffer start, long size) {
		return Math.max((int) Math.min(size, MIN_HEADER_BYTES), EntryFormat.declaredHeaderLength(start, size));
	}

	/** @return the first bytes of an entry in memory that hold its header */
	static byte[] headOf(ByteBuffer entry) {
		byte[] header = new byte[headLength(entry, entry.remaining())];
		entry.duplicate().get(header);
		return header;
	}

	static @Nullable EntryHeader parseHeader(byte[] header, long size) {
		try {
			return EntryFormat.readHeader(new ByteArrayInputStream(header), size);
		}
		catch (IOException | DamagedEntryException ex) {
			return null;
		}
	}

	private static String truncate(String text) {
		return (text.length() <= MAX_METHOD_NAME) ? text : text.substring(0, MAX_METHOD_NAME);
	}

	/** @return a listed row's entry with its header, or empty if its header cannot be read */
	static Optional<StoredEntry> describe(String hex, long size, byte[] header) {
		try {
			return Optional.of(new StoredEntry(CallKey.fromHex(hex.trim()), size,
					EntryFormat.readHeader(new ByteArrayInputStream(header), size)));
		}
		catch (IllegalArgumentException | IOException | DamagedEntryException ex) {
			return Optional.empty();
		}
	}

	/**
	 * @return the header column of a key's row (the entry's first bytes, its header among them),
	 * or empty if there is no row
	 */
	static Optional<ByteBuffer> head(Connection connection, String tableName, CallKey key) throws SQLException {
		try (PreparedStatement select = connection.prepareStatement("SELECT header FROM " + tableName
				+ " WHERE entry_key = ?")) {
			select.setString(1, key.hex());
			try (ResultSet row = select.executeQuery()) {
				return row.next() ? Optional.of(ByteBuffer.wrap(row.getBytes(1))) : Optional.empty();
			}
		}
	}

	/**
	 * Creates the table if it does not exist, its entries stored uncompressed: PostgreSQL reads a
	 * substring of a compressed value by decompressing it up to there, so the 4 MB chunks of a large
	 * entry ({@link JdbcEntryStream}) would cost ever more (reading 400 MB took minutes).
	 */
	static void createTable(Connection connection, Statement statement, String tableName) throws SQLException {
		boolean existed;
		try (PreparedStatement find = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
			find.setString(1, tableName);
			try (ResultSet found = find.executeQuery()) {
				existed = found.next() && found.getBoolean(1);
			}
		}
		statement.execute("CREATE TABLE IF NOT EXISTS " + tableName + " ("
				+ "entry_key CHAR(64) PRIMARY KEY, method_name VARCHAR(" + MAX_METHOD_NAME + "),"
				+ " created_at TIMESTAMP WITH TIME ZONE, entry_size BIGINT NOT NULL,"
				+ " header BYTEA NOT NULL, entry BYTEA NOT NULL)");
		if (!existed) {
			// Only for a table made here: on one in use, the change would wait for its readers.
			statement.execute("ALTER TABLE " + tableName + " ALTER COLUMN entry SET STORAGE EXTERNAL");
		}
	}

}
