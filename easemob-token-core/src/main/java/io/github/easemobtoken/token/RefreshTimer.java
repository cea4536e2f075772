package io.github.easemobtoken.token;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.scheduler.Scheduler;

/**
 * The one pending wake-up of a provider: setting a new one cancels the one before, and
 * whoever claims a wake-up first either runs it or cancels it, so a wake-up replaced from
 * another thread is never interrupted half-way.
 *
 * @author easemob-token
 */
final class RefreshTimer {

	private final Scheduler scheduler;

	private final InstantSource clock;

	private final AtomicReference<@Nullable WakeUp> next = new AtomicReference<>();

	private volatile boolean stopped;

	RefreshTimer(Scheduler scheduler, InstantSource clock) {
		this.scheduler = scheduler;
		this.clock = clock;
	}

	/**
	 * Run {@code task} at {@code at}, in place of any wake-up set before.
	 * @param at when
	 * @param task what to run
	 * @throws java.util.concurrent.RejectedExecutionException when the scheduler is shut
	 * down
	 */
	void wakeUpAt(Instant at, Runnable task) {
		WakeUp wakeUp = new WakeUp(task);
		long delay = Math.max(0, Duration.between(this.clock.instant(), at).toMillis());
		wakeUp.scheduled = this.scheduler.schedule(wakeUp, delay, TimeUnit.MILLISECONDS);
		WakeUp previous = this.next.getAndSet(wakeUp);
		if (previous != null) {
			previous.cancel();
		}
		if (this.stopped) {
			wakeUp.cancel();
		}
	}

	/** Cancel the pending wake-up and any set later. */
	void stop() {
		this.stopped = true;
		WakeUp wakeUp = this.next.get();
		if (wakeUp != null) {
			wakeUp.cancel();
		}
	}

	private static final class WakeUp implements Runnable {

		private final AtomicBoolean claimed = new AtomicBoolean();

		private final Runnable task;

		private volatile Disposable scheduled = Disposables.disposed();

		WakeUp(Runnable task) {
			this.task = task;
		}

		@Override
		public void run() {
			if (this.claimed.compareAndSet(false, true)) {
				this.task.run();
			}
		}

		void cancel() {
			if (this.claimed.compareAndSet(false, true)) {
				this.scheduled.dispose();
			}
		}

	}

}
