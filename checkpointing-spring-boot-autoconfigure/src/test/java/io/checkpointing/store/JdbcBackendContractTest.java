package io.checkpointing.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import com.zaxxer.hikari.HikariDataSource;
import io.checkpointing.key.CallKey;
import io.checkpointing.services.SharedServices;
import io.checkpointing.services.SharedServices.PostgresEndpoint;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIOException;

/** The JDBC backend keeps the contract on a real PostgreSQL, in a table of its own. */
@Tag("services")
class JdbcBackendContractTest extends CacheBackendContract {

	private PostgresEndpoint postgres;

	private HikariDataSource dataSource;

	private String tableName;

	@Override
	protected CacheBackend createBackend() {
		this.postgres = SharedServices.postgres();
		this.dataSource = this.postgres.dataSource(8);
		this.tableName = SharedServices.uniqueName("contract");
		return new JdbcBackend(this.dataSource, this.tableName);
	}

	@Override
	protected void destroyBackend(CacheBackend backend) throws Exception {
		try (Connection connection = this.dataSource.getConnection(); Statement drop = connection.createStatement()) {
			drop.execute("DROP TABLE IF EXISTS " + this.tableName);
		}
		finally {
			this.dataSource.close();
		}
	}

	/** Another process's session takes the advisory lock; its connection is then cut, as when it dies. */
	@Override
	protected AutoCloseable lockAndDie(CallKey key) throws Exception {
		Connection other = this.postgres.connect();
		try (PreparedStatement lock = other.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
			lock.setLong(1, ((JdbcBackend) backend()).lockId(key));
			try (ResultSet taken = lock.executeQuery()) {
				assertThat(taken.next() && taken.getBoolean(1)).isTrue();
			}
		}
		return () -> other.abort(Runnable::run);
	}

	@Override
	protected void copyEntry(CallKey from, CallKey to) throws Exception {
		assertThat(update("UPDATE " + this.tableName + " SET (method_name, created_at, entry_size, header, entry) ="
				+ " (SELECT method_name, created_at, entry_size, header, entry FROM " + this.tableName + " WHERE entry_key = ?)"
				+ " WHERE entry_key = ?", from, to)).isEqualTo(1);
	}

	@Override
	protected void renameEntry(CallKey from, CallKey to) throws Exception {
		assertThat(update("UPDATE " + this.tableName + " SET entry_key = ? WHERE entry_key = ?", to, from)).isEqualTo(1);
	}

	private int update(String sql, CallKey first, CallKey second) throws Exception {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement update = connection.prepareStatement(sql)) {
			update.setString(1, first.hex());
			update.setString(2, second.hex());
			return update.executeUpdate();
		}
	}

	@Test
	void createsItsTableOnFirstUseWithMetadataColumns() throws Exception {
		backend().write(key(1), entry(key(1), "Work.square", "four"));
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement select = connection.prepareStatement(
						"SELECT method_name, entry_size, octet_length(entry) FROM " + this.tableName + " WHERE entry_key = ?")) {
			select.setString(1, key(1).hex());
			try (ResultSet row = select.executeQuery()) {
				assertThat(row.next()).isTrue();
				assertThat(row.getString(1)).isEqualTo("Work.square");
				assertThat(row.getLong(2)).isEqualTo(row.getLong(3)).isEqualTo(entry(key(1), "Work.square", "four").remaining());
			}
		}
	}

	/** PostgreSQL reads a chunk of a compressed value by decompressing all that comes before it. */
	@Test
	void storesEntriesUncompressedSoThatAChunkIsReadWithoutDecompressingThoseBeforeIt() throws Exception {
		backend().write(key(1), entry(key(1), "Work.square", "four"));
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement select = connection.prepareStatement(
						"SELECT attstorage FROM pg_attribute WHERE attrelid = to_regclass(?) AND attname = 'entry'")) {
			select.setString(1, this.tableName);
			try (ResultSet column = select.executeQuery()) {
				assertThat(column.next()).isTrue();
				assertThat(column.getString(1)).as("EXTERNAL: out of line, uncompressed").isEqualTo("e");
			}
		}
	}

	@Test
	void twoBackendsOnOneTableShareEntriesAndLocks() throws Exception {
		try (HikariDataSource otherPool = this.postgres.dataSource(2)) {
			JdbcBackend other = new JdbcBackend(otherPool, this.tableName);
			backend().write(key(1), entry(key(1), "Work.square", "shared"));
			assertThat(bytes(other.read(key(1)))).isEqualTo(bytes(entry(key(1), "Work.square", "shared")));
			try (KeyLock held = backend().tryLock(key(2)).orElseThrow()) {
				assertThat(other.tryLock(key(2))).isEmpty();
			}
			other.tryLock(key(2)).orElseThrow().close();
		}
	}

	@Test
	void refusesATableNameThatIsNotAPlainIdentifier() {
		assertThatIllegalArgumentException().isThrownBy(() -> new JdbcBackend(this.dataSource, "entries; DROP TABLE x"))
			.withMessageContaining("checkpointing.jdbc.table-name");
		assertThatIllegalArgumentException().isThrownBy(() -> new JdbcBackend(this.dataSource, "1entries"));
		new JdbcBackend(this.dataSource, "public.checkpointing_entry");
	}

	@Test
	void saysWhichTableItCannotReach() throws Exception {
		JdbcBackend missingSchema = new JdbcBackend(this.dataSource, "no_such_schema.entries");
		assertThatIOException().isThrownBy(() -> missingSchema.read(key(1)))
			.withMessageContaining("no_such_schema.entries");
	}

}
