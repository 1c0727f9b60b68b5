package io.checkpointing.engine;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/** Calls checkpointed methods through an engine the way the aspect does, for tests without Spring. */
public final class EngineCalls implements Calculator.Calls {

	private final CheckpointEngine engine;

	public EngineCalls(CheckpointEngine engine) {
		this.engine = engine;
	}

	@Override
	public Object call(Object target, String name, Object... arguments) throws Throwable {
		Method method = Arrays.stream(target.getClass().getMethods())
			.filter((candidate) -> candidate.getName().equals(name))
			.findFirst()
			.orElseThrow();
		return this.engine.call(new MethodCall(method, target, arguments, () -> {
			try {
				return method.invoke(target, arguments);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
		}));
	}

}
