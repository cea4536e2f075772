package io.github.easemobtoken.test;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import reactor.core.scheduler.Scheduler;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Virtual time for the token lifecycle: {@link #advance} moves the clock and runs the
 * timers that fall due, as time passing does; {@link #jump} moves only the clock, as a
 * paused machine or a late timer does.
 */
public final class VirtualClock implements InstantSource {

	public static final Instant START = Instant.parse("2026-11-24T08:00:00Z");

	private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();

	private volatile long jumped;

	public VirtualClock() {
		this.scheduler.advanceTimeTo(START);
	}

	@Override
	public Instant instant() {
		return Instant.ofEpochMilli(millis());
	}

	@Override
	public long millis() {
		return this.scheduler.now(TimeUnit.MILLISECONDS) + this.jumped;
	}

	public Scheduler scheduler() {
		return this.scheduler;
	}

	/**
	 * Move the clock and run every timer due by then. When another thread is inside the
	 * scheduler (delivering a token to a caller), {@code advanceTimeBy} hands the work to
	 * that thread and returns at once; a marker scheduled at the target instant tells when
	 * the timers before it have run.
	 */
	public void advance(Duration duration) {
		CountDownLatch reached = new CountDownLatch(1);
		this.scheduler.schedule(reached::countDown, duration.toNanos(), TimeUnit.NANOSECONDS);
		this.scheduler.advanceTimeBy(duration);
		try {
			if (!reached.await(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("virtual time did not reach " + duration + " ahead");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public void jump(Duration duration) {
		this.jumped += duration.toMillis();
	}

	/** Time since {@link #START}. */
	public Duration elapsed() {
		return Duration.ofMillis(millis() - START.toEpochMilli());
	}

}
