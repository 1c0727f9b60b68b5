package io.checkpointing.key;

/**
 * What the container knows about the objects a method's state leads to: a collaborator bean is
 * often reached through a proxy, a lazy reference or a provider, and its state is what its code
 * reads, not everything it holds. Implemented by the Spring adapter; the standalone engine knows
 * no collaborators, so every object there counts by value.
 */
public interface ManagedObjects {

	/** No container: references are what they are, and no object is a collaborator. */
	ManagedObjects NONE = new ManagedObjects() {

		@Override
		public Object targetOf(Object reference) {
			return reference;
		}

		@Override
		public boolean isCollaborator(Class<?> type) {
			return false;
		}

	};

	/**
	 * @param reference the value of a field: a bean, a proxy of one, a provider of beans...
	 * @return what calls through it reach: a proxy's target, a provider's beans as a {@code List},
	 * or the reference itself
	 */
	Object targetOf(Object reference);

	/**
	 * @param type the class of a resolved object
	 * @return whether it is a collaborator (a bean that is not a configuration value), whose state
	 * counts by the fields the reached code reads on it rather than by its whole value
	 */
	boolean isCollaborator(Class<?> type);

}
