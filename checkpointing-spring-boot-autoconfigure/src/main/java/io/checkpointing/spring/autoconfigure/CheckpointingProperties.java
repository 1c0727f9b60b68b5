package io.checkpointing.spring.autoconfigure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.checkpointing.OnError;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of checkpointing, under {@code checkpointing.*}.
 */
@ConfigurationProperties("checkpointing")
public class CheckpointingProperties {

	/**
	 * Whether checkpointed methods use stored results. When false, every checkpointed method runs
	 * plainly and nothing is read or written.
	 */
	private boolean enabled = true;

	/**
	 * Where the filesystem backend stores entries. Relative paths are resolved against the
	 * working directory. Created on the first write, with a .gitignore.
	 */
	private Path directory = Path.of(".checkpointing");

	/**
	 * What happens when checkpointing itself fails (an argument that cannot be hashed, a result
	 * that cannot be stored, an unwritable store): warn (log once, run the method plainly), raise
	 * (throw CheckpointException) or ignore (run plainly, say nothing). @Checkpoint(onError = ...)
	 * overrides it per method.
	 */
	private OnError onError = OnError.WARN;

	/**
	 * The serializer of results: json, smile, cbor, java, or the id of a ResultSerializer bean.
	 * @Checkpoint(serializer = ...) overrides it per method.
	 */
	private String serializer = "json";

	/**
	 * Where entries are stored: filesystem or memory. Ignored when the application defines its own
	 * CacheBackend bean.
	 */
	private Backend backend = Backend.FILESYSTEM;

	/**
	 * How @Checkpoint methods are intercepted: proxy (Spring AOP proxies: calls through a bean
	 * reference only) or aspectj (the AspectJ weaver, with the -javaagent or ajc: also
	 * self-invocation, private and static methods and objects created with new).
	 */
	private Mode mode = Mode.PROXY;

	private final Code code = new Code();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Path getDirectory() {
		return this.directory;
	}

	public void setDirectory(Path directory) {
		this.directory = directory;
	}

	public OnError getOnError() {
		return this.onError;
	}

	public void setOnError(OnError onError) {
		this.onError = onError;
	}

	public String getSerializer() {
		return this.serializer;
	}

	public void setSerializer(String serializer) {
		this.serializer = serializer;
	}

	public Backend getBackend() {
		return this.backend;
	}

	public void setBackend(Backend backend) {
		this.backend = backend;
	}

	public Mode getMode() {
		return this.mode;
	}

	public void setMode(Mode mode) {
		this.mode = mode;
	}

	public Code getCode() {
		return this.code;
	}

	/** The built-in backends. */
	public enum Backend {

		/** Files under {@code checkpointing.directory}: results survive restarts. */
		FILESYSTEM,

		/** This JVM's heap: results are lost when it stops. For tests. */
		MEMORY

	}

	/** How checkpointed methods are intercepted. */
	public enum Mode {

		/** Spring AOP proxies: calls that go through a bean reference. */
		PROXY,

		/** AspectJ weaving (load-time agent or ajc): every execution of a checkpointed method. */
		ASPECTJ

	}

	/** How much code identifies a checkpointed method. */
	public static class Code {

		/**
		 * How much code a method's key covers: transitive (the method, its lambdas, and the
		 * application methods it calls, recursively) or method (the method and its lambdas only).
		 */
		private Scope scope = Scope.TRANSITIVE;

		/**
		 * Packages of application code, in addition to those Spring Boot scans (the package of the
		 * @SpringBootApplication class). Calls into them are followed; calls into other code count
		 * by their signature only.
		 */
		private List<String> packages = new ArrayList<>();

		/**
		 * Whether calls into libraries also count the version of the jar they come from
		 * (Implementation-Version, else the Maven version, else the jar's name), so that upgrading
		 * a library reruns the methods that call it.
		 */
		private boolean libraryVersions = false;

		public boolean isLibraryVersions() {
			return this.libraryVersions;
		}

		public void setLibraryVersions(boolean libraryVersions) {
			this.libraryVersions = libraryVersions;
		}

		public Scope getScope() {
			return this.scope;
		}

		public void setScope(Scope scope) {
			this.scope = scope;
		}

		public List<String> getPackages() {
			return this.packages;
		}

		public void setPackages(List<String> packages) {
			this.packages = packages;
		}

		/** The code scopes. */
		public enum Scope {

			/** The method, its lambdas and the application code it calls, recursively. */
			TRANSITIVE,

			/** The method and its lambdas only. */
			METHOD

		}

	}

}
