package io.checkpointing.key;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Finds the code a lambda or method reference runs. Its class is hidden, defined at run time by
 * {@code LambdaMetafactory}, so it has no class file; but its name starts with the class that
 * created it, and that class's bytecode holds the creation site: an {@code invokedynamic} whose
 * functional interface and captured types are the hidden class's interfaces and fields, and
 * whose method handle names the implementation (a synthetic {@code lambda$...} method or the
 * referenced method). Every site that fits is a candidate. Found once per hidden class.
 */
final class LambdaSites {

	private static final String LAMBDA_METAFACTORY = "java/lang/invoke/LambdaMetafactory";

	private final ClassValue<List<Site>> candidates = new ClassValue<>() {
		@Override
		protected List<Site> computeValue(Class<?> type) {
			return find(type);
		}
	};

	/**
	 * @param lambdaClass the hidden class of a lambda or method reference
	 * @return the creation sites that may have made it, at least one
	 * @throws UnhashableValueException if none is found or one cannot be fingerprinted soundly
	 */
	List<Site> candidates(Class<?> lambdaClass) {
		return this.candidates.get(lambdaClass);
	}

	private static List<Site> find(Class<?> lambdaClass) {
		String name = lambdaClass.getName();
		String creatorName = name.substring(0, name.indexOf("$$Lambda"));
		Class<?> creator;
		try {
			creator = Class.forName(creatorName, false, lambdaClass.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new UnhashableValueException(lambdaClass, "the class that created this function, " + creatorName
					+ ", cannot be loaded (" + ex + ")");
		}
		List<String> interfaces = Arrays.stream(lambdaClass.getInterfaces()).map(Type::getInternalName).toList();
		List<Type> captured = Arrays.stream(lambdaClass.getDeclaredFields())
			.filter((field) -> !Modifier.isStatic(field.getModifiers()))
			.sorted(java.util.Comparator.comparingInt((java.lang.reflect.Field field) -> capturedIndex(field.getName())))
			.map((field) -> Type.getType(field.getType()))
			.toList();
		List<Handle> handles = new ArrayList<>();
		new ClassReader(classBytes(creator, lambdaClass)).accept(new ClassVisitor(Opcodes.ASM9) {
			@Override
			public MethodVisitor visitMethod(int access, String methodName, String descriptor, String signature,
					String[] exceptions) {
				return new MethodVisitor(Opcodes.ASM9) {
					@Override
					public void visitInvokeDynamicInsn(String indyName, String indyDescriptor, Handle bootstrap,
							Object... arguments) {
						if (bootstrap.getOwner().equals(LAMBDA_METAFACTORY) && arguments.length > 1
								&& arguments[1] instanceof Handle implementation
								&& interfaces.contains(Type.getReturnType(indyDescriptor).getInternalName())
								&& List.of(Type.getArgumentTypes(indyDescriptor)).equals(captured)) {
							handles.add(implementation);
						}
					}
				};
			}
		}, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
		if (handles.isEmpty()) {
			throw new UnhashableValueException(lambdaClass, "no site in " + creatorName + " creates a function of its"
					+ " interface and captured types");
		}
		List<Site> sites = new ArrayList<>();
		for (Handle handle : handles) {
			sites.add(site(lambdaClass, handle, !captured.isEmpty()));
		}
		return List.copyOf(sites);
	}

	/** The hidden class's fields are named {@code arg$1}, {@code arg$2}... in the order captured. */
	static int capturedIndex(String fieldName) {
		try {
			return Integer.parseInt(fieldName.substring(fieldName.lastIndexOf('$') + 1));
		}
		catch (NumberFormatException ex) {
			return Integer.MAX_VALUE;
		}
	}

	private static Site site(Class<?> lambdaClass, Handle handle, boolean captures) {
		String signature = handle.getTag() + ":" + handle.getOwner() + "." + handle.getName() + handle.getDesc();
		boolean instance = handle.getTag() != Opcodes.H_INVOKESTATIC && handle.getTag() != Opcodes.H_NEWINVOKESPECIAL;
		Class<?> owner;
		try {
			owner = Class.forName(handle.getOwner().replace('/', '.'), false, lambdaClass.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new UnhashableValueException(lambdaClass, "its implementation's class " + handle.getOwner()
					+ " cannot be loaded (" + ex + ")");
		}
		if (owner.getClassLoader() == null) {
			// JDK code: what it runs is fixed by the JDK, so its signature identifies it.
			return new Site(signature, Optional.empty(), instance && captures, false);
		}
		if (handle.getTag() == Opcodes.H_NEWINVOKESPECIAL) {
			throw new UnhashableValueException(lambdaClass, "it is a constructor reference to " + owner.getName()
					+ ", whose constructor cannot be fingerprinted as a function");
		}
		Method method = declared(owner, handle.getName(), handle.getDesc());
		boolean overridable = instance && !Modifier.isPrivate(method.getModifiers())
				&& !Modifier.isFinal(method.getModifiers()) && !Modifier.isFinal(owner.getModifiers());
		if (Modifier.isAbstract(method.getModifiers()) || (overridable && !captures)) {
			throw new UnhashableValueException(lambdaClass, "it is a reference to " + owner.getName() + "#"
					+ handle.getName() + ", whose code depends on the object it is called on");
		}
		return new Site(signature, Optional.of(method), instance && captures, overridable);
	}

	private static Method declared(Class<?> owner, String name, String descriptor) {
		for (Class<?> current = owner; current != null; current = current.getSuperclass()) {
			for (Method method : current.getDeclaredMethods()) {
				if (method.getName().equals(name) && Type.getMethodDescriptor(method).equals(descriptor)) {
					return method;
				}
			}
		}
		for (Class<?> contract : owner.getInterfaces()) {
			for (Method method : contract.getMethods()) {
				if (method.getName().equals(name) && Type.getMethodDescriptor(method).equals(descriptor)) {
					return method;
				}
			}
		}
		throw new UnhashableValueException(owner, "it has no method " + name + descriptor);
	}

	private static byte[] classBytes(Class<?> creator, Class<?> lambdaClass) {
		String resource = creator.getName().replace('.', '/') + ".class";
		ClassLoader loader = (creator.getClassLoader() != null) ? creator.getClassLoader() : ClassLoader.getSystemClassLoader();
		try (InputStream in = loader.getResourceAsStream(resource)) {
			if (in == null) {
				throw new UnhashableValueException(lambdaClass, "the class file of " + creator.getName()
						+ ", which created it, is not available");
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UnhashableValueException(lambdaClass, "the class file of " + creator.getName()
					+ " cannot be read (" + ex.getMessage() + ")");
		}
	}

	/**
	 * One creation site that may have made a function.
	 * @param signature the implementation's handle, which identifies JDK code
	 * @param implementation the method it runs, when it is not the JDK's
	 * @param receiverCaptured whether the first captured value is the object the method runs on
	 * @param virtual whether that object's class may override the method (a bound method reference)
	 */
	record Site(String signature, Optional<Method> implementation, boolean receiverCaptured, boolean virtual) {

		/**
		 * @param receiver the object a bound method reference runs on
		 * @return the method that runs on it: its class's override, if it has one
		 */
		Method implementationOn(Object receiver) {
			Method method = this.implementation.orElseThrow();
			if (!this.virtual) {
				return method;
			}
			for (Class<?> current = receiver.getClass(); current != null && current != method.getDeclaringClass();
					current = current.getSuperclass()) {
				if (ValuePolicy.isProxy(current)) {
					continue; // a proxy's override delegates to its target, whose code is the user class's
				}
				try {
					Method override = current.getDeclaredMethod(method.getName(), method.getParameterTypes());
					if (!Modifier.isAbstract(override.getModifiers())) {
						return override;
					}
				}
				catch (NoSuchMethodException ex) {
					// not overridden here
				}
			}
			return method;
		}

	}

}
