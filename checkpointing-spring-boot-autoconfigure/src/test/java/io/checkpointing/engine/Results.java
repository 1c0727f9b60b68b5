package io.checkpointing.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.checkpointing.Checkpoint;

/**
 * A checkpointed class whose methods return the shapes of results the hostile-data tests plant
 * entries for: records, lists, maps, primitive arrays and the open types {@code Object} and
 * {@code Serializable}. Every method counts how often its body runs.
 */
public class Results {

	final AtomicInteger runs = new AtomicInteger();

	@Checkpoint
	public Point point(int i) {
		this.runs.incrementAndGet();
		return new Point(i, -i);
	}

	@Checkpoint
	public Label label(int i) {
		this.runs.incrementAndGet();
		return new Label("p" + i, i % 2 == 0);
	}

	@Checkpoint
	public List<Point> points(int n) {
		this.runs.incrementAndGet();
		List<Point> points = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			points.add(new Point(i, i * i));
		}
		return points;
	}

	@Checkpoint
	public Map<String, Point> named(int n) {
		this.runs.incrementAndGet();
		Map<String, Point> named = new LinkedHashMap<>();
		for (int i = 0; i < n; i++) {
			named.put("p" + i, new Point(i, 2 * i));
		}
		return named;
	}

	@Checkpoint
	public double[] series(int n) {
		this.runs.incrementAndGet();
		double[] series = new double[n];
		for (int i = 0; i < n; i++) {
			series[i] = i / 4.0;
		}
		return series;
	}

	@Checkpoint
	public int[] counts(int n) {
		this.runs.incrementAndGet();
		int[] counts = new int[n];
		for (int i = 0; i < n; i++) {
			counts[i] = i * 3;
		}
		return counts;
	}

	@Checkpoint
	public Object anything(int i) {
		this.runs.incrementAndGet();
		return new ArrayList<>(List.of(i, "x" + i));
	}

	@Checkpoint
	public Serializable serializable(int i) {
		this.runs.incrementAndGet();
		return "s" + i;
	}

	@Checkpoint
	public Object pointAsObject(int i) {
		this.runs.incrementAndGet();
		return new Point(i, i);
	}

	/** A record result. */
	public record Point(int x, int y) implements Serializable {
	}

	/** Another record, whose entries must not be read as a {@link Point}. */
	public record Label(String text, boolean bold) implements Serializable {
	}

}
