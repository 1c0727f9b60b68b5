package io.checkpointing.serial;

/**
 * Why a serializer cannot store results of a declared type, whatever their value, found before
 * any result is stored.
 * @param path where in a result the type that cannot be stored is, from the result:
 * {@code result}, {@code result[].address}, {@code result.readings[]}
 * @param type the type that cannot be stored there
 * @param reason why the serializer cannot store it
 * @param advice what to change
 */
public record TypeProblem(String path, String type, String reason, String advice) {

}
