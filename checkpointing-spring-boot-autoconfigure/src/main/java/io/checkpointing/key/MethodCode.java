package io.checkpointing.key;

import java.lang.reflect.Field;
import java.util.List;

/**
 * What the bytecode of a checkpointed method says about its identity.
 * @param fingerprint the digest of its normalized code and of the lambdas it creates
 * @param fieldsRead the fields of its own class it reads, in the order they are first read;
 * their values are part of every key (see {@link StateReader})
 */
public record MethodCode(byte[] fingerprint, List<Field> fieldsRead) {

}
