package io.checkpointing.store;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The thread that renews a shared store's key leases while their holders compute (Redis, S3):
 * one daemon thread, started on the first lease and gone after a minute without one, so a
 * backend that is never closed leaves no thread behind.
 */
public final class LeaseRenewals {

	private LeaseRenewals() {
	}

	/**
	 * @param threadName the name of the renewing thread
	 * @return a scheduler for renewals, to be shut down with its backend
	 */
	public static ScheduledExecutorService scheduler(String threadName) {
		ScheduledThreadPoolExecutor renewals = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, threadName);
			thread.setDaemon(true);
			return thread;
		});
		renewals.setKeepAliveTime(1, TimeUnit.MINUTES);
		renewals.allowCoreThreadTimeOut(true);
		renewals.setRemoveOnCancelPolicy(true);
		return renewals;
	}

	/**
	 * Renews a lease every third of its length until it is stopped.
	 * @param renewals the scheduler of {@link #scheduler}
	 * @param lease how long the lease lasts unless it is renewed
	 * @param renew renews it once; a renewal that throws ends the renewals
	 * @return the renewal, to be stopped before the lease is released
	 */
	public static Renewal renew(ScheduledExecutorService renewals, Duration lease, Runnable renew) {
		return new Renewal(renewals, Math.max(1, lease.toMillis() / 3), renew);
	}

	/**
	 * A lease's periodic renewal. A holder stops it before it releases the lease: a renewal that
	 * ran while the release was sent could otherwise undo the release (a lease renewed by a
	 * conditional write changes its version, and the release, conditional on the version it read,
	 * would then fail and leave the lease held until it expires, keeping the other processes
	 * waiting for an entry that nobody computes).
	 */
	public static final class Renewal {

		private final ReentrantLock running = new ReentrantLock();

		private final ScheduledFuture<?> task;

		/** Guarded by {@link #running}. */
		private boolean stopped;

		private Renewal(ScheduledExecutorService renewals, long periodMillis, Runnable renew) {
			this.task = renewals.scheduleAtFixedRate(() -> {
				this.running.lock();
				try {
					if (!this.stopped) {
						renew.run();
					}
				}
				finally {
					this.running.unlock();
				}
			}, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
		}

		/**
		 * Stops the renewals, and returns once none runs: one that had begun has ended, and no
		 * other begins.
		 */
		public void stop() {
			this.task.cancel(false);
			this.running.lock(); // waits for a renewal in flight
			try {
				this.stopped = true;
			}
			finally {
				this.running.unlock();
			}
		}

	}

}
