package io.checkpointing.engine;

import java.lang.reflect.Method;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import io.checkpointing.CheckpointException;
import io.checkpointing.Checkpoints;
import io.checkpointing.Pruned;
import io.checkpointing.engine.RecentCall.Outcome;
import io.checkpointing.serial.ResultSerializer;
import io.checkpointing.store.CacheBackend;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs checkpointed calls: key → lookup → the stored result on a hit; on a miss, run the method
 * once per key (other threads and processes wait for it) and store its result. Failures of
 * checkpointing itself follow the method's error policy; exceptions of the method are rethrown
 * unchanged and never stored. {@link #call} tells the whole story; each stage is a class of its
 * own: {@link CallIdentifier}, {@link StoredResults}, {@link MissCoordination}, and the
 * {@link ResultShape} of the method.
 *
 * <pre>{@code
 * CheckpointEngine engine = CheckpointEngine.builder()
 *     .backend(new FilesystemBackend(Path.of(".checkpointing")))
 *     .build();
 * Object result = engine.call(new MethodCall(method, target, args, () -> method.invoke(target, args)));
 * }</pre>
 *
 * <p>The engine is also the application's {@link Checkpoints}; {@link #administration()} is what
 * an administrator sees of it. {@link #close()} it when done (Spring closes it with its context).
 */
public final class CheckpointEngine implements Checkpoints, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(CheckpointEngine.class);

	private final boolean enabled;

	private final CheckpointedMethods methods;

	private final CheckpointListener listener;

	private final FailurePolicy failures;

	private final DirectCallScope directCalls = new DirectCallScope();

	private final InspectionScope inspection = new InspectionScope();

	private final CallIdentifier identifier;

	private final EntryCodec codec;

	private final StoredResults results;

	private final MissCoordination misses;

	private final StaleRefreshes refreshes;

	private final CallConditions conditions;

	private final Computations computations;

	private final CallObservations observations;

	private final CheckpointOperations operations;

	private final RecentCalls recent;

	private final DeclaredTypeWarnings typeWarnings;

	CheckpointEngine(CheckpointEngineBuilder builder, CacheBackend backend) {
		this.enabled = builder.enabled;
		this.methods = new CheckpointedMethods(builder);
		CallStatistics statistics = new CallStatistics();
		this.recent = new RecentCalls(builder.recentCalls, Clock.systemUTC());
		List<CheckpointListener> listeners = new ArrayList<>();
		listeners.add(statistics);
		listeners.addAll(this.recent.listeners());
		listeners.addAll(builder.listeners);
		this.observations = new CallObservations(builder.observer);
		listeners.add(this.observations);
		this.listener = CompositeListener.of(listeners);
		this.failures = new FailurePolicy(this.listener);
		DataVersions dataVersions = new StoredDataVersions(backend, builder.signer, builder.dataVersionsRefresh);
		this.identifier = new CallIdentifier(builder.codeScope, builder.contributors, builder.keyStrategy,
				builder.managedObjects, builder.properties, builder.dataReads, dataVersions);
		this.codec = new EntryCodec(builder.serializers, builder.signer);
		this.typeWarnings = new DeclaredTypeWarnings(this.codec);
		this.results = new StoredResults(backend, this.codec, builder.memoryTier, this.identifier::isKeyedByArgumentsAlone,
				this.listener, this.failures, this.observations);
		this.misses = new MissCoordination(backend, this.results, this.failures, builder.lockTimeout);
		this.conditions = new CallConditions(this.failures);
		this.computations = new Computations(this.directCalls, this.observations, this.listener, this.recent,
				this.conditions, this.results);
		this.refreshes = new StaleRefreshes(builder.refreshExecutor, backend, this.results, this.failures);
		this.operations = new CheckpointOperations(backend, this.results, builder.defaultSerializer, statistics,
				this.inspection, this.directCalls, this.recent, dataVersions,
				new OldCodePruning(backend, this.identifier, this.methods::known));
	}

	/**
	 * @return a builder with the defaults: enabled, files under {@code ./.checkpointing},
	 * {@code json}, {@code WARN}
	 */
	public static CheckpointEngineBuilder builder() {
		return new CheckpointEngineBuilder();
	}

	/**
	 * Runs a call of a checkpointed method, or returns its stored result.
	 * @param call the call
	 * @return the method's result, computed now or earlier
	 * @throws Throwable whatever the method throws, unchanged; a {@link CheckpointException}
	 * under the {@code RAISE} policy
	 */
	public @Nullable Object call(MethodCall call) throws Throwable {
		DirectCallScope.Mode mode = this.directCalls.enter();
		if (!this.enabled) {
			if (mode == DirectCallScope.Mode.GET) {
				throw DirectCallScope.getWhileDisabled(call);
			}
			return call.body().run();
		}
		CheckpointedMethod method = this.methods.of(call.method(), call.type());
		return this.observations.observe(method.name(), () -> call(method, mode, call));
	}

	/**
	 * Makes the checkpointed methods of the application known before their first call, as the
	 * Spring adapter does at startup with those of every bean: {@link #pruneOldCode()} then prunes
	 * their entries too, and {@link #warnOfUnstorableTypes()} checks them.
	 * @param calledType the class of the objects they are called on, as calls name it (see
	 * {@link MethodCall#type()}): a bean's class, or a repository's interface
	 * @param checkpointed methods of that class that are checkpointed, as calls name them
	 */
	public void declareMethods(Class<?> calledType, Collection<Method> checkpointed) {
		if (this.enabled) {
			checkpointed.forEach((method) -> this.methods.of(method, calledType));
		}
	}

	/** @return why the {@code @Checkpoint} of known methods cannot be used: the Spring adapter's startup fails */
	public List<String> misconfigurations() {
		return this.methods.misconfigurations();
	}

	/**
	 * Logs a warning, once per known method, if its declared result type certainly cannot be
	 * stored by its serializer: the method, the type, where in a result it is, and what to do.
	 * Types that may be storable (an interface, known only from a value) are left to the first store.
	 */
	public void warnOfUnstorableTypes() {
		this.typeWarnings.check(this.methods.known());
	}

	/** The call, observed: the whole story of a checkpointed call. */
	private @Nullable Object call(CheckpointedMethod method, DirectCallScope.@Nullable Mode mode, MethodCall call)
			throws Throwable {
		boolean inspecting = this.inspection.isActive();
		if (mode == DirectCallScope.Mode.BYPASS
				|| (mode != DirectCallScope.Mode.GET && !inspecting
						&& (this.results.isUnstorable(method) || this.identifier.readsUnsettledData(method)
								|| !this.conditions.usesStore(method, call)))) {
			this.listener.bypassed(method.name());
			return this.computations.runBody(call);
		}
		boolean rerun = mode == DirectCallScope.Mode.RERUN;
		boolean getting = mode == DirectCallScope.Mode.GET;
		long start = this.recent.start(inspecting);
		if (!rerun && !inspecting) {
			// Plain-value arguments find a result held in memory by equality, before anything is hashed.
			// A stale one is left to be found by its key, and refreshed.
			Stored held = this.results.heldFor(method, call);
			if (held != null) {
				this.recent.record(method, Outcome.HIT, null, start);
				return method.shape().fromStored(held.value());
			}
		}
		ResultSerializer serializer;
		CallIdentity identity;
		try {
			method.requireValidAnnotation();
			serializer = this.codec.serializerOf(method);
			identity = this.identifier.identify(method, call);
		}
		catch (CheckpointException ex) {
			if (inspecting || getting) {
				throw ex;
			}
			this.failures.handle(method, CheckpointFailure.identifying(ex));
			this.recent.record(method, Outcome.ERROR, null, start);
			return this.computations.runBody(call);
		}
		if (inspecting) {
			return this.inspection.inspect(method, identity);
		}
		if (rerun) {
			// A rerun must run even while another caller computes the same key.
			this.listener.rerun(method.name());
			logger.debug("Rerun of {} {}", method.name(), identity.key());
			return this.computations.runAndStore(method, identity, serializer, call, Outcome.RERUN, start);
		}
		Stored stored = this.results.load(method, identity.key(), call);
		if (stored != null) {
			if (!getting && method.isStale(stored.created())) {
				this.refreshes.refresh(method, identity.key(), stored.created(), () -> {
					// The caller may change an argument once the hit returned: refresh only what the key still names.
					if (!this.identifier.identify(method, call).key().equals(identity.key())) {
						return null;
					}
					return this.computations.runAndStore(method, identity, serializer, call, Outcome.REFRESH,
							this.recent.start(false));
				});
			}
			this.recent.record(method, Outcome.HIT, identity, start);
			return method.shape().fromStored(stored.value());
		}
		if (getting) {
			throw DirectCallScope.nothingStored(method, call, identity);
		}
		return this.misses.computeOnce(method, identity.key(), call, () -> {
			this.listener.miss(method.name());
			this.operations.missed(method, identity);
			return this.computations.runAndStore(method, identity, serializer, call, Outcome.MISS, start);
		});
	}

	/** @return what an administrator sees of this engine and its store, and may do to it */
	public CheckpointsAdministration administration() {
		return this.operations;
	}

	/** @return what this engine did with each method's calls since it was built */
	public CallStatistics statistics() {
		return this.operations.statistics();
	}

	@Override
	public <T> T rerun(Supplier<T> calls) {
		return this.operations.rerun(calls);
	}

	@Override
	public <T> T bypass(Supplier<T> calls) {
		return this.operations.bypass(calls);
	}

	@Override
	public <T> T get(Supplier<T> calls) {
		return this.operations.get(calls);
	}

	@Override
	public int evictAll(String methodName) {
		return this.operations.evictAll(methodName);
	}

	@Override
	public String explain(Runnable call) {
		return this.operations.explain(call);
	}

	@Override
	public boolean contains(Runnable call) {
		return this.operations.contains(call);
	}

	@Override
	public boolean evict(Runnable call) {
		return this.operations.evict(call);
	}

	@Override
	public void dataChanged(Class<?> dataType) {
		this.operations.dataChanged(dataType);
	}

	@Override
	public Pruned pruneOldCode() {
		return this.operations.pruneOldCode();
	}

	/**
	 * Stops the threads of background refreshes that the engine started itself (when the builder
	 * was given no {@code refreshExecutor}; one given belongs to whoever gave it): a refresh under
	 * way finishes, a stale hit afterwards still returns its stale result, but its refresh is
	 * refused and reported under the error policy. Calls keep working otherwise; the backend is
	 * not closed (it is not the engine's).
	 */
	@Override
	public void close() {
		this.refreshes.close();
	}

}
