package io.checkpointing.spring;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;

/**
 * What a JDK proxy called through a Spring AOP proxy stands for: a Spring Data repository (its
 * query methods have no body; Spring Data answers them), or another interface whose calls a
 * handler answers. Recognized by name, so that the adapter needs no Spring Data.
 */
final class ProxiedInterfaces {

	private static final String REPOSITORY = "org.springframework.data.repository.Repository";

	private static final String REPOSITORY_DEFINITION = "org.springframework.data.repository.RepositoryDefinition";

	private ProxiedInterfaces() {
	}

	/**
	 * @param proxyClass the class of a JDK proxy
	 * @return whether it is a Spring Data repository: one of its interfaces extends
	 * {@code Repository} or is annotated {@code @RepositoryDefinition}
	 */
	static boolean isRepository(Class<?> proxyClass) {
		for (Class<?> implemented : proxyClass.getInterfaces()) {
			if (isRepositoryInterface(implemented)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isRepositoryInterface(Class<?> type) {
		if (type.getName().equals(REPOSITORY)) {
			return true;
		}
		for (Annotation annotation : type.getAnnotations()) {
			if (annotation.annotationType().getName().equals(REPOSITORY_DEFINITION)) {
				return true;
			}
		}
		for (Class<?> extended : type.getInterfaces()) {
			if (isRepositoryInterface(extended)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * @param proxyClass the class of a JDK proxy
	 * @param declaringType the interface that declares the method called
	 * @return the interface of the proxy the call is on: the most specific of those that extend
	 * {@code declaringType} ({@code OwnerRepository} for {@code CrudRepository.findById}), in the
	 * order the proxy lists them
	 */
	static Class<?> calledInterface(Class<?> proxyClass, Class<?> declaringType) {
		List<Class<?>> candidates = new ArrayList<>();
		for (Class<?> implemented : proxyClass.getInterfaces()) {
			if (declaringType.isAssignableFrom(implemented)) {
				candidates.add(implemented);
			}
		}
		for (Class<?> candidate : candidates) {
			if (candidates.stream().noneMatch((other) -> other != candidate && candidate.isAssignableFrom(other))) {
				return candidate;
			}
		}
		return declaringType;
	}

}
