package io.checkpointing.store;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A large entry read from its row a chunk at a time ({@code substring} of the {@code bytea}),
 * so that it is never held whole: the driver reads a whole value into the heap. The chunks are
 * read in one {@code REPEATABLE READ} transaction, so they all come from the same version of the
 * row even if the entry is replaced meanwhile. Closing the stream ends the transaction.
 */
final class JdbcEntryStream extends InputStream implements SizedEntryStream {

	/** Entries up to this size are read in one query, as one value. */
	static final int CHUNK_BYTES = 4 * 1024 * 1024;

	private final Connection connection;

	private final boolean ownsConnection;

	private final PreparedStatement select;

	private final long size;

	private final int isolation;

	private long fetched;

	private byte[] chunk = new byte[0];

	private int at;

	private JdbcEntryStream(Connection connection, boolean ownsConnection, PreparedStatement select, long size,
			int isolation) {
		this.connection = connection;
		this.ownsConnection = ownsConnection;
		this.select = select;
		this.size = size;
		this.isolation = isolation;
	}

	/**
	 * Starts reading an entry on a connection, in a transaction of its own.
	 * @param ownsConnection whether closing the stream closes the connection
	 * @return the stream, or {@code null} if the row is gone
	 */
	static JdbcEntryStream open(Connection connection, boolean ownsConnection, String tableName, String key)
			throws SQLException {
		int isolation = Connection.TRANSACTION_READ_COMMITTED;
		PreparedStatement select = null;
		try {
			isolation = connection.getTransactionIsolation();
			connection.setAutoCommit(false);
			connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
			long size;
			try (PreparedStatement length = connection
				.prepareStatement("SELECT octet_length(entry) FROM " + tableName + " WHERE entry_key = ?")) {
				length.setString(1, key);
				try (ResultSet row = length.executeQuery()) {
					size = row.next() ? row.getLong(1) : -1;
				}
			}
			select = connection.prepareStatement("SELECT substring(entry FROM ? FOR ?) FROM " + tableName
					+ " WHERE entry_key = ?");
			select.setString(3, key);
			return new JdbcEntryStream(connection, ownsConnection, select, size, isolation);
		}
		catch (SQLException | RuntimeException ex) {
			if (select != null) {
				select.close();
			}
			end(connection, ownsConnection, isolation);
			throw ex;
		}
	}

	/** @return whether the row was there when the transaction started */
	boolean exists() {
		return this.size >= 0;
	}

	@Override
	public long entrySize() {
		return this.size;
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		return (read(one, 0, 1) < 0) ? -1 : Byte.toUnsignedInt(one[0]);
	}

	@Override
	public int read(byte[] target, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		if (this.at == this.chunk.length && !fetch()) {
			return -1;
		}
		int count = Math.min(length, this.chunk.length - this.at);
		System.arraycopy(this.chunk, this.at, target, offset, count);
		this.at += count;
		return count;
	}

	/** @return whether a chunk was read; {@code false} at the entry's end */
	private boolean fetch() throws IOException {
		if (this.fetched >= this.size) {
			return false;
		}
		try {
			// PostgreSQL counts from 1; a value has at most 1 GB, so the offset is an int.
			this.select.setInt(1, Math.toIntExact(this.fetched + 1));
			this.select.setInt(2, CHUNK_BYTES);
			try (ResultSet row = this.select.executeQuery()) {
				byte[] next = row.next() ? row.getBytes(1) : null;
				if (next == null || next.length == 0) {
					throw new IOException("the entry ended at byte " + this.fetched + " of " + this.size);
				}
				this.chunk = next;
				this.at = 0;
				this.fetched += next.length;
				return true;
			}
		}
		catch (SQLException ex) {
			throw new IOException("Cannot read the entry's bytes from " + this.fetched + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void close() throws IOException {
		try {
			this.select.close();
		}
		catch (SQLException ex) {
			// the transaction's end below releases it as well
		}
		try {
			end(this.connection, this.ownsConnection, this.isolation);
		}
		catch (SQLException ex) {
			throw new IOException("Cannot end the transaction of an entry's read: " + ex.getMessage(), ex);
		}
	}

	/** Ends the read's transaction and leaves the connection as it was: a pooled or locked session is used again. */
	private static void end(Connection connection, boolean ownsConnection, int isolation) throws SQLException {
		try {
			connection.rollback();
			connection.setTransactionIsolation(isolation);
			connection.setAutoCommit(true);
		}
		finally {
			if (ownsConnection) {
				connection.close();
			}
		}
	}

}
