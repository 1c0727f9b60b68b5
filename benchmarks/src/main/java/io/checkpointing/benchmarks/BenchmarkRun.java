package io.checkpointing.benchmarks;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks and writes {@code results.json} (JMH's own) and {@code results.md} (the
 * table of medians and ratios) to {@code -Dbenchmarks.results} (default
 * {@code benchmark-results}). Arguments are JMH's own: a regular expression selects benchmarks,
 * {@code -prof gc} adds a profiler; without one, every benchmark of this package runs.
 */
public final class BenchmarkRun {

	private BenchmarkRun() {
	}

	/**
	 * @param args JMH command-line options
	 * @throws Exception if JMH fails or the results cannot be written
	 */
	public static void main(String[] args) throws Exception {
		Path results = Path.of(System.getProperty("benchmarks.results", "benchmark-results")).toAbsolutePath();
		Files.createDirectories(results);
		CommandLineOptions given = new CommandLineOptions(args);
		ChainedOptionsBuilder options = new OptionsBuilder().parent(given)
			.resultFormat(ResultFormatType.JSON)
			.result(results.resolve("results.json").toString());
		if (given.getIncludes().isEmpty()) {
			options.include(BenchmarkRun.class.getPackageName().replace(".", "\\.") + "\\..*");
		}
		Collection<RunResult> runs = new Runner(options.build()).run();
		String table = machine() + "\n" + table(runs);
		Files.writeString(results.resolve("results.md"), table);
		System.out.println();
		System.out.println(table);
		System.out.println("Written to " + results);
	}

	static String table(Collection<RunResult> runs) throws ClassNotFoundException {
		Map<String, List<Row>> byClass = new LinkedHashMap<>();
		for (RunResult run : runs) {
			String benchmark = run.getParams().getBenchmark();
			int dot = benchmark.lastIndexOf('.');
			byClass.computeIfAbsent(benchmark.substring(0, dot), (key) -> new ArrayList<>())
				.add(new Row(benchmark.substring(dot + 1), run.getPrimaryResult().getStatistics().getPercentile(50),
						run.getPrimaryResult().getScoreUnit()));
		}
		StringBuilder out = new StringBuilder();
		for (Map.Entry<String, List<Row>> group : byClass.entrySet()) {
			Class<?> type = Class.forName(group.getKey());
			String baseline = baselineOf(type);
			Row base = group.getValue().stream().filter((row) -> row.method().equals(baseline)).findFirst().orElse(null);
			Long bytes = bytesOf(type);
			out.append("### ").append(type.getSimpleName()).append("\n\n");
			out.append("| benchmark | role | median | ratio to ").append((baseline != null) ? baseline : "—").append(" |")
				.append((bytes != null) ? " GB/s |" : "").append('\n');
			out.append("|---|---|---:|---:|").append((bytes != null) ? "---:|" : "").append('\n');
			for (Row row : group.getValue()) {
				out.append("| ").append(row.method()).append(" | ").append(role(row.method())).append(" | ")
					.append(String.format(Locale.ROOT, "%.3f %s", row.median(), row.unit())).append(" | ")
					.append((base != null) ? String.format(Locale.ROOT, "%.2f×", row.median() / base.median()) : "—")
					.append(" |");
				if (bytes != null) {
					out.append(String.format(Locale.ROOT, " %.2f |", bytes / row.seconds() / 1e9));
				}
				out.append('\n');
			}
			out.append('\n');
		}
		return out.toString();
	}

	private static @Nullable String baselineOf(Class<?> type) {
		for (Method method : type.getMethods()) {
			if (method.isAnnotationPresent(Baseline.class)) {
				return method.getName();
			}
		}
		return null;
	}

	private static @Nullable Long bytesOf(Class<?> type) {
		try {
			Field field = type.getField("BYTES");
			return field.getLong(null);
		}
		catch (ReflectiveOperationException ex) {
			return null;
		}
	}

	private static String role(String method) {
		for (String role : List.of("ours", "peer", "limit")) {
			if (method.startsWith(role)) {
				return role;
			}
		}
		return "";
	}

	static String machine() {
		String cpu = "unknown CPU";
		try {
			cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse(cpu);
		}
		catch (IOException | RuntimeException ex) {
			// not Linux: the JVM's view below still says what ran
		}
		return "Machine: " + cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
				+ System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
				+ System.getProperty("java.vm.version") + " (" + System.getProperty("java.vm.name") + ")\n";
	}

	/** One benchmark's median, in its own unit. */
	private record Row(String method, double median, String unit) {

		double seconds() {
			TimeUnit unit = switch (this.unit) {
				case "ns/op" -> TimeUnit.NANOSECONDS;
				case "us/op" -> TimeUnit.MICROSECONDS;
				case "ms/op" -> TimeUnit.MILLISECONDS;
				default -> TimeUnit.SECONDS;
			};
			return this.median * unit.toNanos(1) / 1e9;
		}

	}

}
