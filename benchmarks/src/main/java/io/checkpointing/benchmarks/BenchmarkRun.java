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
import org.openjdk.jmh.infra.BenchmarkParams;
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
		List<RunResult> runs = new ArrayList<>();
		if (!given.getIncludes().isEmpty()) {
			runs.addAll(new Runner(options(given, results, "results.json").build()).run());
		}
		else {
			ChainedOptionsBuilder options = options(given, results, "results.json")
				.include(BenchmarkRun.class.getPackageName().replace(".", "\\.") + "\\..*")
				// It needs the weaver agent in half of its forks: run below.
				.exclude(WovenAspectBenchmark.class.getSimpleName());
			if (!RedisHit.redisAnswers()) {
				System.out.println("Redis does not answer on loopback: RedisHit is skipped");
				options.exclude(RedisHit.class.getSimpleName());
			}
			runs.addAll(new Runner(options.build()).run());
			runs.addAll(WovenAspectBenchmark.run((mode) -> options(given, results, "results-woven-" + mode + ".json")));
		}
		String table = machine() + "\n" + table(runs);
		Files.writeString(results.resolve("results.md"), table);
		System.out.println();
		System.out.println(table);
		System.out.println("Written to " + results);
	}

	private static ChainedOptionsBuilder options(CommandLineOptions given, Path results, String file) {
		return new OptionsBuilder().parent(given)
			.resultFormat(ResultFormatType.JSON)
			.result(results.resolve(file).toString());
	}

	static String table(Collection<RunResult> runs) throws ClassNotFoundException {
		Map<String, List<Row>> byClass = new LinkedHashMap<>();
		for (RunResult run : runs) {
			BenchmarkParams params = run.getParams();
			String benchmark = params.getBenchmark();
			int dot = benchmark.lastIndexOf('.');
			Map<String, String> values = new LinkedHashMap<>();
			params.getParamsKeys().forEach((key) -> values.put(key, params.getParam(key)));
			byClass.computeIfAbsent(benchmark.substring(0, dot), (key) -> new ArrayList<>())
				.add(new Row(benchmark.substring(dot + 1), values,
						run.getPrimaryResult().getStatistics().getPercentile(50), run.getPrimaryResult().getScoreUnit()));
		}
		StringBuilder out = new StringBuilder();
		for (Map.Entry<String, List<Row>> group : byClass.entrySet()) {
			Class<?> type = Class.forName(group.getKey());
			String baseline = baselineOf(type);
			String baselineParam = baselineParamOf(type);
			Long bytes = bytesOf(type);
			out.append("### ").append(type.getSimpleName()).append("\n\n");
			out.append("| benchmark | role | median | ratio to ")
				.append((baselineParam != null) ? baselineParam : (baseline != null) ? baseline : "—")
				.append(" |")
				.append((bytes != null) ? " GB/s |" : "")
				.append('\n');
			out.append("|---|---|---:|---:|").append((bytes != null) ? "---:|" : "").append('\n');
			for (Row row : group.getValue()) {
				Row base = group.getValue()
					.stream()
					.filter((candidate) -> (baselineParam != null) ? candidate.isBaselineOf(row, baselineParam)
							: candidate.method().equals(baseline))
					.findFirst()
					.orElse(null);
				out.append("| ").append(row.label()).append(" | ").append(role(row.method())).append(" | ")
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

	/**
	 * A benchmark whose contenders differ by a parameter, not by method, names the baseline's value
	 * in a {@code BASELINE_PARAM} constant, such as {@code "mode=proxy"}.
	 */
	private static @Nullable String baselineParamOf(Class<?> type) {
		try {
			return (String) type.getField("BASELINE_PARAM").get(null);
		}
		catch (ReflectiveOperationException ex) {
			return null;
		}
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
	private record Row(String method, Map<String, String> params, double median, String unit) {

		String label() {
			return this.params.isEmpty() ? this.method : this.method + " " + this.params;
		}

		/** Whether this row is the other's baseline: the same but for {@code name=value}. */
		boolean isBaselineOf(Row other, String baselineParam) {
			String[] parameter = baselineParam.split("=", 2);
			Map<String, String> wanted = new LinkedHashMap<>(other.params());
			wanted.put(parameter[0], parameter[1]);
			return this.method.equals(other.method()) && this.params.equals(wanted);
		}

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
