package io.github.easemobtoken.user;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The limit of one instance: permits one every {@link #intervalNanos()}, on the scheduler's
 * clock.
 *
 * @author easemob-token
 */
public final class LocalUserTokenLimiter implements UserTokenLimiter {

	private final int maxRequestsPerSecond;

	private final long intervalNanos;

	private final Duration maxWait;

	private final Scheduler scheduler;

	/** When the next permit is free, on {@link Scheduler#now(TimeUnit)} in nanoseconds. */
	private final AtomicLong nextFree;

	/**
	 * Create a limiter.
	 * @param maxRequestsPerSecond the most requests in any second, positive
	 * @param maxWait the longest a request may wait for its turn
	 * @param scheduler the clock and timer of the waits
	 */
	public LocalUserTokenLimiter(int maxRequestsPerSecond, Duration maxWait, Scheduler scheduler) {
		if (maxRequestsPerSecond <= 0) {
			throw new IllegalArgumentException("maxRequestsPerSecond must be positive, not " + maxRequestsPerSecond);
		}
		this.maxRequestsPerSecond = maxRequestsPerSecond;
		this.intervalNanos = intervalNanos(maxRequestsPerSecond);
		this.maxWait = maxWait;
		this.scheduler = scheduler;
		this.nextFree = new AtomicLong(scheduler.now(TimeUnit.NANOSECONDS));
	}

	@Override
	public Mono<Void> acquire() {
		return Mono.defer(() -> {
			long wait = reserve();
			return (wait == 0) ? Mono.empty()
					: Mono.delay(Duration.ofNanos(wait), this.scheduler).then();
		});
	}

	/** The wait until this request's turn, its turn taken; or a failure, no turn taken. */
	private long reserve() {
		while (true) {
			long now = this.scheduler.now(TimeUnit.NANOSECONDS);
			long next = this.nextFree.get();
			long turn = Math.max(next, now);
			long wait = turn - now;
			if (wait > this.maxWait.toNanos()) {
				throw new UserTokenLimitException(Duration.ofNanos(wait), this.maxWait, this.maxRequestsPerSecond);
			}
			if (this.nextFree.compareAndSet(next, turn + this.intervalNanos)) {
				return wait;
			}
		}
	}

	/**
	 * How far apart the permits are: {@code 1.05 s / max}. The 50 ms are for the network,
	 * whose jitter may bring two requests closer on arrival than they left: Easemob, not only
	 * this side, must see no more than the maximum in any second.
	 * @param maxRequestsPerSecond the most requests in any second
	 * @return the interval, in nanoseconds
	 */
	public static long intervalNanos(int maxRequestsPerSecond) {
		return (TimeUnit.SECONDS.toNanos(1) + TimeUnit.MILLISECONDS.toNanos(50)) / maxRequestsPerSecond;
	}

	/**
	 * The most requests in any second.
	 * @return the limit
	 */
	public int maxRequestsPerSecond() {
		return this.maxRequestsPerSecond;
	}

	/**
	 * The longest a request may wait for its turn.
	 * @return the wait
	 */
	public Duration maxWait() {
		return this.maxWait;
	}

	@Override
	public String toString() {
		return "LocalUserTokenLimiter[" + this.maxRequestsPerSecond + "/s]";
	}

}
