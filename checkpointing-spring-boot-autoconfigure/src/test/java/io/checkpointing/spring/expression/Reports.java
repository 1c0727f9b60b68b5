package io.checkpointing.spring.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import io.checkpointing.Checkpoint;
import io.checkpointing.OnError;
import org.jspecify.annotations.Nullable;

/** A bean whose checkpointed methods declare expressions; it records every run of a body. */
public class Reports {

	// Held in an AtomicReference, a library object the key counts by its type: the log of runs
	// must not change the key of the methods that write it.
	private final AtomicReference<List<String>> runs = new AtomicReference<>(List.of());

	/** The bodies that ran, in order; read through a method, as a class proxy has fields of its own. */
	public List<String> runs() {
		return this.runs.get();
	}

	private void ran(String what) {
		this.runs.updateAndGet((earlier) -> {
			List<String> updated = new ArrayList<>(earlier);
			updated.add(what);
			return List.copyOf(updated);
		});
	}

	@Checkpoint(condition = "#size <= 100")
	public String build(String region, int size) {
		ran("build " + region + " " + size);
		return region + ":" + size;
	}

	@Checkpoint(unless = "#result == null or #result.partial")
	public @Nullable Page page(int number, boolean partial) {
		ran("page " + number);
		return (number < 0) ? null : new Page(number, partial);
	}

	@Checkpoint(unless = "#result == null")
	public CompletableFuture<@Nullable String> later(String id) {
		ran("later " + id);
		return CompletableFuture.supplyAsync(() -> id.isEmpty() ? null : "found " + id);
	}

	@Checkpoint(condition = "@reportFlags.enabled")
	public int switched(int value) {
		ran("switched " + value);
		return value;
	}

	@Checkpoint(condition = "#root.methodName == 'rooted' and #root.method.name == 'rooted' and #root.target != null"
			+ " and #root.targetClass.simpleName == 'Reports' and #a0 == #p0 and #p0 == #count and #root.args[0] > 0")
	public int rooted(int count) {
		ran("rooted " + count);
		return count;
	}

	@Checkpoint(unless = "#result == null or #result.length() < 2")
	public Optional<String> lookup(String id) {
		ran("lookup " + id);
		return id.isEmpty() ? Optional.empty() : Optional.of(id);
	}

	@Checkpoint(unless = "#result > #limit")
	public int capped(int value, int limit) {
		ran("capped " + value);
		return value;
	}

	@Checkpoint(condition = "#result > 0")
	public int named(int result) {
		ran("named " + result);
		return result;
	}

	@Checkpoint
	public int bucket(@Checkpoint.Key("#root % #a1") int value, int buckets) {
		ran("bucket " + value);
		return value % buckets;
	}

	@Checkpoint
	public String sortedTags(@Checkpoint.Key("#root.stream().sorted().toList()") List<String> tags) {
		ran("sortedTags " + tags);
		return String.join(",", tags.stream().sorted().toList());
	}

	@Checkpoint
	public String tagged(@Checkpoint.Key("@reportFlags.canonical(#root)") String tag) {
		ran("tagged " + tag);
		return tag.strip();
	}

	@Checkpoint(onError = OnError.RAISE)
	public String misnamedKey(@Checkpoint.Key("nickname") Customer customer) {
		ran("misnamedKey " + customer.id());
		return customer.id();
	}

	@Checkpoint
	public String profile(@Checkpoint.Key("id") Customer customer) {
		ran("profile " + customer);
		return "profile of " + customer.id();
	}

	@Checkpoint
	public String search(@Checkpoint.Key("trim().toLowerCase()") String query, int limit) {
		ran("search " + query + " " + limit);
		return query.trim().toLowerCase() + " x" + limit;
	}

	@Checkpoint(condition = "#missing.length() > 0")
	public int failingCondition(int value) {
		ran("failingCondition " + value);
		return value;
	}

	@Checkpoint(condition = "#missing.length() > 0", onError = OnError.RAISE)
	public int failingConditionRaised(int value) {
		ran("failingConditionRaised " + value);
		return value;
	}

	/**
	 * A page of a report.
	 * @param number its number
	 * @param partial whether some of it is missing, so it must not be stored
	 */
	public record Page(int number, boolean partial) {

	}

	/**
	 * A customer, whose profile depends on the id alone.
	 * @param id the id
	 * @param lastSeen when it was last seen: not part of the profile
	 */
	public record Customer(String id, long lastSeen) {

	}

	/** A bean the condition of {@link #switched} refers to. */
	public static class Flags {

		private volatile boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String canonical(String tag) {
			return tag.strip().toLowerCase(Locale.ROOT);
		}

	}

}
