package io.checkpointing.spring.jpa.clinic;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.checkpointing.Checkpoint;

import org.springframework.stereotype.Service;

/** A report that reads vets through their repository, and counts how often it really runs. */
@Service
public class VetReport {

	private final VetRepository vets;

	final AtomicInteger runs = new AtomicInteger();

	public VetReport(VetRepository vets) {
		this.vets = vets;
	}

	@Checkpoint
	public List<String> names() {
		this.runs.incrementAndGet();
		return this.vets.findAll().stream().map(Vet::getName).sorted().toList();
	}

	public int runs() {
		return this.runs.get();
	}

	/** For a test that shares the application between its cases: counts from 0 again. */
	public void resetRuns() {
		this.runs.set(0);
	}

}
