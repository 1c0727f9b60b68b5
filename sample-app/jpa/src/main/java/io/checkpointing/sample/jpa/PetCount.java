package io.checkpointing.sample.jpa;

/** A report row: records are stored through their constructor. */
public record PetCount(String owner, int pets) {
}
