/**
 * JMH benchmarks of checkpointing against its peers ({@code @Cacheable}, JDK serialization)
 * and the limits of the machine (a raw {@code FileChannel} read or write, SHA-256, a copy), each
 * paired in one class so a run reports ratios. A benchmark class names the method its ratios are
 * taken against with {@link io.checkpointing.benchmarks.Baseline @Baseline}; its methods start
 * with {@code ours}, {@code peer} or {@code limit}. {@link io.checkpointing.benchmarks.BenchmarkRun}
 * runs every class in this package and writes the table.
 */
@NullMarked
package io.checkpointing.benchmarks;

import org.jspecify.annotations.NullMarked;
