package io.checkpointing.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.checkpointing.engine.CheckpointEngine;
import io.checkpointing.engine.EngineCalls;
import io.checkpointing.store.FilesystemBackend;

/**
 * One of several processes that share a {@link FilesystemBackend}. Arguments: the store's
 * directory, the folder that records runs, then
 * <ul>
 * <li>{@code threads <threads> <keys>}: prints {@code ready}, waits for a line on its standard
 * input, then calls {@link Squares#square} for every key from every thread, each thread in its own
 * order, and prints {@code wrong results: <n>};</li>
 * <li>{@code hold <key>}: calls {@link Squares#squareAfter}, whose body prints {@code computing}
 * and then waits for ever, holding the key's lock.</li>
 * </ul>
 */
public final class SharedStoreProgram {

	private SharedStoreProgram() {
	}

	public static void main(String[] args) throws Throwable {
		EngineCalls calls = new EngineCalls(
				CheckpointEngine.builder().backend(new FilesystemBackend(Path.of(args[0]))).build());
		Squares squares = new Squares(Path.of(args[1]));
		BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		if (args[2].equals("hold")) {
			Runnable holdForEver = () -> {
				System.out.println("computing");
				try {
					input.readLine();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			};
			calls.call(squares, "squareAfter", Integer.parseInt(args[3]), holdForEver);
			return;
		}
		int threads = Integer.parseInt(args[3]);
		int keys = Integer.parseInt(args[4]);
		System.out.println("ready");
		input.readLine();
		AtomicInteger wrong = new AtomicInteger();
		List<Thread> running = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			List<Integer> order = new ArrayList<>(IntStream.range(0, keys).boxed().toList());
			Collections.shuffle(order);
			Thread thread = new Thread(() -> {
				for (int key : order) {
					try {
						if (!Integer.valueOf(key * key).equals(calls.call(squares, "square", key))) {
							wrong.incrementAndGet();
						}
					}
					catch (Throwable ex) {
						ex.printStackTrace();
						wrong.incrementAndGet();
					}
				}
			});
			thread.start();
			running.add(thread);
		}
		for (Thread thread : running) {
			thread.join();
		}
		System.out.println("wrong results: " + wrong.get());
	}

}
