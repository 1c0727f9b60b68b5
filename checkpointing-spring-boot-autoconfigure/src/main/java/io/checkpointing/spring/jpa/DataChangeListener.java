package io.checkpointing.spring.jpa;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

import io.checkpointing.CheckpointException;
import io.checkpointing.Checkpoints;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks;
import org.hibernate.event.spi.AbstractCollectionEvent;
import org.hibernate.event.spi.PostCollectionRecreateEvent;
import org.hibernate.event.spi.PostCollectionRecreateEventListener;
import org.hibernate.event.spi.PostCollectionRemoveEvent;
import org.hibernate.event.spi.PostCollectionRemoveEventListener;
import org.hibernate.event.spi.PostCollectionUpdateEvent;
import org.hibernate.event.spi.PostCollectionUpdateEventListener;
import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostDeleteEventListener;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.persister.entity.EntityPersister;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the data version of an entity type when this application inserts, updates or deletes
 * one of its entities through Hibernate (its element collections included), once the transaction
 * that wrote it has committed: a version moved before the commit would let a call that started in
 * between store a result of the former data under the new version. A rolled back transaction
 * moves nothing. Each session's types are moved once per transaction, however many rows it wrote.
 */
final class DataChangeListener implements PostInsertEventListener, PostUpdateEventListener, PostDeleteEventListener,
		PostCollectionRecreateEventListener, PostCollectionUpdateEventListener, PostCollectionRemoveEventListener {

	private static final long serialVersionUID = 1L;

	private static final Logger logger = LoggerFactory.getLogger(DataChangeListener.class);

	private final transient Checkpoints checkpoints;

	/** The types written in each session's current transaction; a session is no key to hold on to. */
	private final transient Map<SharedSessionContractImplementor, Set<Class<?>>> written = Collections
		.synchronizedMap(new WeakHashMap<>());

	DataChangeListener(Checkpoints checkpoints) {
		this.checkpoints = checkpoints;
	}

	@Override
	public void onPostInsert(PostInsertEvent event) {
		written(event.getSession(), event.getPersister());
	}

	@Override
	public void onPostUpdate(PostUpdateEvent event) {
		written(event.getSession(), event.getPersister());
	}

	@Override
	public void onPostDelete(PostDeleteEvent event) {
		written(event.getSession(), event.getPersister());
	}

	@Override
	public void onPostRecreateCollection(PostCollectionRecreateEvent event) {
		collectionWritten(event);
	}

	@Override
	public void onPostUpdateCollection(PostCollectionUpdateEvent event) {
		collectionWritten(event);
	}

	@Override
	public void onPostRemoveCollection(PostCollectionRemoveEvent event) {
		collectionWritten(event);
	}

	/** The version moves after the commit, which this listener arranges itself. */
	@Override
	public boolean requiresPostCommitHandling(EntityPersister persister) {
		return false;
	}

	private void collectionWritten(AbstractCollectionEvent event) {
		String owner = event.getAffectedOwnerEntityName();
		if (owner != null) {
			written(event.getSession(), event.getFactory().getMappingMetamodel().getEntityDescriptor(owner));
		}
	}

	private void written(SharedSessionContractImplementor session, EntityPersister persister) {
		Set<Class<?>> types;
		boolean first;
		synchronized (this.written) {
			types = this.written.get(session);
			first = (types == null);
			if (types == null) {
				types = new LinkedHashSet<>();
				this.written.put(session, types);
			}
			types.add(persister.getMappedClass());
		}
		if (first) {
			session.getTransactionCompletionCallbacks()
				.registerCallback((TransactionCompletionCallbacks.AfterCompletionCallback) (success,
						completed) -> completed(session, success));
		}
	}

	private void completed(SharedSessionContractImplementor session, boolean success) {
		Set<Class<?>> types = this.written.remove(session);
		if (!success || types == null) {
			return;
		}
		for (Class<?> type : types) {
			try {
				this.checkpoints.dataChanged(type);
			}
			catch (CheckpointException ex) {
				// The write is committed: it must not fail now. Results of the former data may be returned.
				logger.warn("Could not move the data version of {} after a write: results computed from its former"
						+ " data may be returned until it moves. {}", type.getName(), ex.getMessage());
			}
		}
	}

}
