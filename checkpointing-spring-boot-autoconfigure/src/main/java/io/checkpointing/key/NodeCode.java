package io.checkpointing.key;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A method's final fingerprint, the same whichever checkpointed method reaches it.
 * @param fingerprint the digest of its body and of everything it reaches
 * @param fieldsRead application fields read by it and everything it reaches
 * @param allFieldsRead every field read by it and everything it reaches
 * @param outsideCalls the calls it and everything it reaches make to code not followed
 * @param reached the fingerprints of the methods it reaches, itself included
 * @param wholeReads application fields it or what it reaches reads as whole values
 * @param accessorReads application fields it or what it reaches reads to call a plain accessor on
 * the value, with the fields behind the accessors
 */
// Holds its arrays as parts to read, never compared or used as a key: array equality does not matter.
@SuppressWarnings("ArrayRecordComponent")
record NodeCode(byte[] fingerprint, Set<Field> fieldsRead, Set<Field> allFieldsRead, List<OutsideCall> outsideCalls,
		Map<String, byte[]> reached, Set<Field> wholeReads, Map<Field, Set<Field>> accessorReads) {

}
