package io.checkpointing.key;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A method of the call graph of one walk: its normalized body, its call sites and what it reads
 * and calls outside. Filled in by {@link MethodNormalizer}.
 */
final class CodeNode {

	final String id;

	final Class<?> owner;

	final String name;

	final String descriptor;

	/** Whether this is the checkpointed method itself, whose own fields are keyed by reading order. */
	final boolean isRoot;

	/**
	 * The order its parameters are fingerprinted in, if it is the root (see {@link ParameterOrder}):
	 * by type until its body is read, then also by first use.
	 */
	ParameterOrder parameterOrder;

	/** The digest of its normalized instructions and of the lambdas it creates. */
	byte[] body = new byte[0];

	/** For each call into application code, the ids of the nodes it may run. */
	final List<List<String>> callSites = new ArrayList<>();

	/** The root's fields of its own class it reads, in reading order. */
	final List<Field> ownFieldsRead = new ArrayList<>();

	/** Fields of application classes it reads: state of the key. */
	final Set<Field> fieldsRead = new LinkedHashSet<>();

	/** Every field it reads, application's or not. */
	final Set<Field> allFieldsRead = new LinkedHashSet<>();

	/** Application fields of which some read uses the value in a way other than one plain accessor. */
	final Set<Field> wholeReads = new LinkedHashSet<>();

	/** Application fields read only to call a plain accessor, with the fields behind the accessors. */
	final Map<Field, Set<Field>> accessorReads = new LinkedHashMap<>();

	/** The calls it makes to code the walk does not follow. */
	final Set<OutsideCall> outsideCalls = new LinkedHashSet<>();

	CodeNode(String id, Class<?> owner, String name, String descriptor, boolean isRoot) {
		this.id = id;
		this.owner = owner;
		this.name = name;
		this.descriptor = descriptor;
		this.isRoot = isRoot;
		this.parameterOrder = new ParameterOrder(descriptor);
	}

}
