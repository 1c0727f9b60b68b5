package io.checkpointing.engine;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks the {@link ResultShape} of a method, as resilience4j's aspect picks its extension for a
 * return type: the first registered shape that can handle it, else the plain one. Reactor's
 * shapes are registered only when Reactor is on the class path, so that applications without it
 * never load its types.
 */
final class ResultShapes {

	private static final ResultShape PLAIN = new PlainResult();

	private static final List<ResultShape> SHAPES = registered();

	private ResultShapes() {
	}

	/**
	 * @param method a checkpointed method
	 * @return the shape of what it returns
	 */
	static ResultShape of(Method method) {
		for (ResultShape shape : SHAPES) {
			if (shape.canHandle(method)) {
				return shape;
			}
		}
		return PLAIN;
	}

	private static List<ResultShape> registered() {
		List<ResultShape> shapes = new ArrayList<>(List.of(new OptionalResult(), new FutureResult()));
		if (isPresent(MonoResult.MONO)) {
			shapes.add(new MonoResult());
			shapes.add(new FluxResult());
			shapes.add(new SuspendResult());
		}
		return List.copyOf(shapes);
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, ResultShapes.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

}
