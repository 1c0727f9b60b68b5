package io.checkpointing.store;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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

}
