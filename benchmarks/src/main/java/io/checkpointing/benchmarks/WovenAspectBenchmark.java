package io.checkpointing.benchmarks;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.checkpointing.Checkpoint;
import io.checkpointing.engine.CheckpointEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * A hit of a checkpointed bean method through the Spring AOP proxy ({@code checkpointing.mode=proxy})
 * against the same hit through the AspectJ-woven aspect ({@code checkpointing.mode=aspectj}), in a
 * running Spring Boot context, on the memory backend (so the interception, not the storage,
 * differs) and on the filesystem backend; and, with checkpointing disabled, the cost of the
 * interception alone.
 *
 * <p>The woven variant needs the weaver agent in its forked JVM; run {@link #main}, which forks the
 * proxy trials without the agent (as a proxy application runs) and the woven ones with
 * {@code -javaagent:} the aspectjweaver jar of the class path (or {@code -Daspectjweaver.agent=}).
 * Run through JMH's own main instead, add {@code -jvmArgsAppend -javaagent:<jar>} for
 * {@code mode=aspectj}; without it the woven trials fail at startup, naming the method that was
 * not woven.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class WovenAspectBenchmark {

	/** How the hit is intercepted: {@code proxy} or {@code aspectj}. */
	@Param({ "proxy", "aspectj" })
	public String mode;

	/** Where the stored result is read from: {@code memory} or {@code filesystem}. */
	@Param({ "memory", "filesystem" })
	public String backend;

	/**
	 * {@code false} measures the interception alone: the engine is reached and, being disabled,
	 * runs the body at once.
	 */
	@Param({ "true", "false" })
	public boolean enabled;

	private ConfigurableApplicationContext context;

	private Squares squares;

	private Path directory;

	@Setup(Level.Trial)
	public void start() throws Exception {
		this.directory = Files.createTempDirectory("woven-aspect-benchmark");
		this.context = new SpringApplicationBuilder(BenchmarkApplication.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run("--checkpointing.mode=" + this.mode, "--checkpointing.enabled=" + this.enabled,
					"--checkpointing.backend=" + this.backend,
					"--checkpointing.directory=" + this.directory, "--logging.level.root=WARN",
					"--spring.main.banner-mode=off");
		this.squares = this.context.getBean(Squares.class);
		this.squares.square(7);
		this.squares.square(7);
		long hits = this.context.getBean(CheckpointEngine.class).statistics().of("Squares#square").hits();
		if (hits != (this.enabled ? 1 : 0)) {
			throw new IllegalStateException("The second call did not hit in mode " + this.mode);
		}
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.context.close();
	}

	@Benchmark
	public int hit() {
		return this.squares.square(7);
	}

	/** The table's ratios compare each woven hit with the same hit through the proxy. */
	public static final String BASELINE_PARAM = "mode=proxy";

	/**
	 * Runs the proxy trials without the agent and the woven trials with it.
	 * @param args ignored
	 * @throws RunnerException if JMH fails
	 */
	public static void main(String[] args) throws RunnerException {
		run((mode) -> new OptionsBuilder());
	}

	/**
	 * Runs the proxy trials without the agent, as a proxy application runs, and the woven trials
	 * with it.
	 * @param options the options of each mode's run, by mode
	 * @return the results of both
	 * @throws RunnerException if JMH fails
	 */
	static List<RunResult> run(Function<String, ChainedOptionsBuilder> options) throws RunnerException {
		String benchmark = WovenAspectBenchmark.class.getName();
		List<RunResult> results = new ArrayList<>();
		results.addAll(new Runner(options.apply("proxy").include(benchmark).param("mode", "proxy").build()).run());
		results.addAll(new Runner(options.apply("aspectj")
			.include(benchmark)
			.param("mode", "aspectj")
			.jvmArgsAppend("-javaagent:" + weaverAgent())
			.build()).run());
		return results;
	}

	/**
	 * The {@code aspectjweaver.agent} system property, else the {@code aspectjweaver.jar} the build
	 * copies next to the benchmarks jar, else the aspectjweaver jar of the class path.
	 */
	private static String weaverAgent() {
		String configured = System.getProperty("aspectjweaver.agent");
		if (configured != null) {
			return configured;
		}
		try {
			Path besideThisJar = Path.of(WovenAspectBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI())
				.resolveSibling("aspectjweaver.jar");
			if (Files.isRegularFile(besideThisJar)) {
				return besideThisJar.toString();
			}
		}
		catch (java.net.URISyntaxException | RuntimeException ex) {
			// not run from a jar: the class path is searched below
		}
		return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
			.filter((entry) -> Path.of(entry).getFileName().toString().startsWith("aspectjweaver-"))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No aspectjweaver jar on the class path (a shaded jar?):"
					+ " pass -Daspectjweaver.agent=<path to aspectjweaver.jar>"));
	}

	/** The smallest Boot application: the checkpointing auto-configuration and one bean. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(Squares.class)
	public static class BenchmarkApplication {

	}

	/** The checkpointed bean; woven in aspectj mode, proxied in proxy mode. */
	public static class Squares {

		@Checkpoint
		public int square(int value) {
			return value * value;
		}

	}

}
