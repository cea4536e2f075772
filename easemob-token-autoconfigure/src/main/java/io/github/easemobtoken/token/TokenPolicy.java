package io.github.easemobtoken.token;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import io.github.easemobtoken.EasemobTokenRequestException;

/**
 * When to refresh a token and how long to wait after a failed request. Pure arithmetic on
 * epoch milliseconds, so the lifecycle can be tested on any clock.
 *
 * @author easemob-token
 */
public final class TokenPolicy {

	private static final double JITTER = 0.2;

	private static final Duration LONGEST = Duration.ofDays(36500);

	private final long refreshBeforeExpiry;

	private final long minRequestInterval;

	private final long maxBackoff;

	private final DoubleSupplier random;

	private final double refreshSpread;

	/**
	 * Create a policy with random jitter.
	 * @param refreshBeforeExpiry how long before expiry a refresh starts (at most half
	 * the token's lifetime)
	 * @param minRequestInterval the least time between the starts of two token requests
	 * @param maxBackoff the cap of the backoff after failures
	 */
	public TokenPolicy(Duration refreshBeforeExpiry, Duration minRequestInterval, Duration maxBackoff) {
		this(refreshBeforeExpiry, minRequestInterval, maxBackoff, () -> ThreadLocalRandom.current().nextDouble());
	}

	/**
	 * Create a policy.
	 * @param refreshBeforeExpiry how long before expiry a refresh starts (at most half
	 * the token's lifetime)
	 * @param minRequestInterval the least time between the starts of two token requests
	 * @param maxBackoff the cap of the backoff after failures
	 * @param random source of jitter, uniform in {@code [0, 1)}; {@code 0.5} means none
	 */
	public TokenPolicy(Duration refreshBeforeExpiry, Duration minRequestInterval, Duration maxBackoff,
			DoubleSupplier random) {
		if (refreshBeforeExpiry.isNegative() || minRequestInterval.compareTo(Duration.ofMillis(1)) < 0
				|| maxBackoff.compareTo(minRequestInterval) < 0 || maxBackoff.compareTo(LONGEST) > 0
				|| refreshBeforeExpiry.compareTo(LONGEST) > 0) {
			// The floor is kept in whole milliseconds: below 1 ms it would be 0, and failures retried at once.
			throw new IllegalArgumentException("need 0 <= refreshBeforeExpiry <= 100 years, minRequestInterval >= 1ms "
					+ "and minRequestInterval <= maxBackoff <= 100 years");
		}
		this.refreshBeforeExpiry = refreshBeforeExpiry.toMillis();
		this.minRequestInterval = minRequestInterval.toMillis();
		this.maxBackoff = maxBackoff.toMillis();
		this.random = random;
		this.refreshSpread = 0;
	}

	private TokenPolicy(TokenPolicy policy, double refreshSpread) {
		this.refreshBeforeExpiry = policy.refreshBeforeExpiry;
		this.minRequestInterval = policy.minRequestInterval;
		this.maxBackoff = policy.maxBackoff;
		this.random = policy.random;
		this.refreshSpread = refreshSpread;
	}

	/**
	 * This policy with refreshes spread over the first {@code fraction} of the refresh
	 * window, so that instances sharing a token do not all become due at one instant.
	 * @param fraction the share of the window, from 0 (refresh at its start) to 1
	 * @return the policy
	 */
	public TokenPolicy withRefreshSpread(double fraction) {
		if (!(fraction >= 0 && fraction <= 1)) {
			throw new IllegalArgumentException("need 0 <= fraction <= 1, was " + fraction);
		}
		return new TokenPolicy(this, fraction);
	}

	/**
	 * The least time, in milliseconds, between the starts of two token requests.
	 * @return the floor
	 */
	public long minRequestInterval() {
		return this.minRequestInterval;
	}

	/**
	 * The cap of the backoff, in milliseconds.
	 * @return the max backoff
	 */
	public long maxBackoff() {
		return this.maxBackoff;
	}

	/**
	 * When to start refreshing a token: {@code refresh-before-expiry} ahead of expiry, but
	 * not before half its lifetime.
	 * @param obtainedAt when the request that brought the token started
	 * @param expiresAt when it expires, {@link Long#MAX_VALUE} for never
	 * @return the instant, in epoch milliseconds
	 */
	public long refreshAt(long obtainedAt, long expiresAt) {
		if (expiresAt == Long.MAX_VALUE) {
			return Long.MAX_VALUE;
		}
		long lifetime = Math.max(0, expiresAt - obtainedAt);
		return expiresAt - Math.min(this.refreshBeforeExpiry, lifetime / 2);
	}

	/**
	 * When this instance starts refreshing a token: {@link #refreshAt} plus a random
	 * share of the refresh window when refreshes are {@link #withRefreshSpread spread}.
	 * @param obtainedAt when the request that brought the token started
	 * @param expiresAt when it expires, {@link Long#MAX_VALUE} for never
	 * @return the instant, in epoch milliseconds
	 */
	public long scheduledRefreshAt(long obtainedAt, long expiresAt) {
		long windowStart = refreshAt(obtainedAt, expiresAt);
		if (this.refreshSpread == 0 || windowStart == Long.MAX_VALUE) {
			return windowStart;
		}
		return windowStart + (long) ((expiresAt - windowStart) * this.refreshSpread * this.random.getAsDouble());
	}

	/**
	 * How long to wait after the {@code failures}-th consecutive failure: the floor times
	 * 2^(failures−1), ±20% jitter, capped at max-backoff and never below the floor;
	 * max-backoff at once for a configuration error; the server's {@code Retry-After}
	 * when it is longer.
	 * @param failures the number of consecutive failures, at least 1
	 * @param failure the latest failure
	 * @return the delay in milliseconds
	 */
	public long backoff(int failures, EasemobTokenRequestException failure) {
		long delay;
		if (failure.isConfigurationError()) {
			delay = this.maxBackoff;
		}
		else {
			double jitter = 1 - JITTER + 2 * JITTER * this.random.getAsDouble();
			delay = (long) Math.min(this.maxBackoff, exponential(failures) * jitter);
			delay = Math.max(this.minRequestInterval, delay);
		}
		Duration retryAfter = failure.getRetryAfter();
		return (retryAfter != null) ? Math.max(delay, saturatedMillis(retryAfter)) : delay;
	}

	private double exponential(int failures) {
		int doublings = Math.max(0, failures - 1);
		return (doublings >= 62) ? Double.MAX_VALUE : (double) this.minRequestInterval * (1L << doublings);
	}

	private static long saturatedMillis(Duration duration) {
		try {
			return duration.toMillis();
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE / 2;
		}
	}

}
