package io.checkpointing.key;

/**
 * The one byte that starts the canonical form of every value (see {@link CanonicalEncoder}). The
 * ordinals are part of every key: append, never reorder.
 */
enum ValueTag {

	NULL, STRING, INT, LONG, DOUBLE, BOOLEAN, FLOAT, SHORT, BYTE, CHAR, ENUM, BIG_DECIMAL, BIG_INTEGER, UUID, TIME,
	PATH, PRIMITIVE_ARRAY, OBJECT_ARRAY, SET, LIST, MAP, OPTIONAL, RECORD, JACKSON_PROPERTIES_OF_LAYOUT_1, CYCLE,
	OBJECT, TYPE_ONLY, STRING_FORM, CLASS, FUNCTION

}
