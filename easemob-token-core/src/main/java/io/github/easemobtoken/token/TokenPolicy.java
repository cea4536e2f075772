package io.github.easemobtoken.token;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import io.github.easemobtoken.EasemobTokenRequestException;
import org.jspecify.annotations.Nullable;

/**
 * When to refresh a token and how long to wait after a failed request: pure arithmetic on
 * instants, so the lifecycle can be tested on any clock. Its defaults and limits are the
 * ones of the {@code easemob.token.*} properties: the properties' validator checks against
 * these same constants.
 *
 * @author easemob-token
 */
public final class TokenPolicy {

	/** The default of {@code token.refresh-before-expiry}. */
	public static final Duration DEFAULT_REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

	/** The default of {@code token.min-request-interval}. */
	public static final Duration DEFAULT_MIN_REQUEST_INTERVAL = Duration.ofSeconds(10);

	/** The default of {@code token.max-backoff}. */
	public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);

	/** The longest {@code token.refresh-before-expiry}. */
	public static final Duration LONGEST_REFRESH_BEFORE_EXPIRY = Duration.ofDays(365);

	/**
	 * The longest {@code token.min-request-interval} and {@code token.max-backoff}: the
	 * fleet's schedule in Redis is kept a day.
	 */
	public static final Duration LONGEST_BACKOFF = Duration.ofDays(1);

	/**
	 * The shortest {@code token.min-request-interval}: it is kept in whole milliseconds, and
	 * a floor of 0 would let failures be retried at once.
	 */
	public static final Duration SHORTEST_FLOOR = Duration.ofMillis(1);

	/** A longer {@code Retry-After} is read as this: it keeps instants far from overflowing. */
	private static final Duration LONGEST_RETRY_AFTER = Duration.ofDays(365);

	private static final double JITTER = 0.2;

	private final Duration refreshBeforeExpiry;

	private final Duration minRequestInterval;

	private final Duration maxBackoff;

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
		if (refreshBeforeExpiry.isNegative() || refreshBeforeExpiry.compareTo(LONGEST_REFRESH_BEFORE_EXPIRY) > 0
				|| minRequestInterval.compareTo(SHORTEST_FLOOR) < 0 || maxBackoff.compareTo(minRequestInterval) < 0
				|| maxBackoff.compareTo(LONGEST_BACKOFF) > 0) {
			throw new IllegalArgumentException("need 0 <= refreshBeforeExpiry <= " + LONGEST_REFRESH_BEFORE_EXPIRY
					+ ", minRequestInterval >= " + SHORTEST_FLOOR + " and minRequestInterval <= maxBackoff <= "
					+ LONGEST_BACKOFF);
		}
		this.refreshBeforeExpiry = refreshBeforeExpiry;
		this.minRequestInterval = Duration.ofMillis(minRequestInterval.toMillis());
		this.maxBackoff = maxBackoff;
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
	 * The least time between the starts of two token requests.
	 * @return the floor
	 */
	public Duration minRequestInterval() {
		return this.minRequestInterval;
	}

	/**
	 * The cap of the backoff.
	 * @return the max backoff
	 */
	public Duration maxBackoff() {
		return this.maxBackoff;
	}

	/**
	 * When to start refreshing a token: {@code refresh-before-expiry} ahead of expiry, but
	 * not before half its lifetime.
	 * @param obtainedAt when the request that brought the token started
	 * @param expiresAt when it expires, {@code null} for never
	 * @return the instant, {@code null} for never
	 */
	public @Nullable Instant refreshAt(Instant obtainedAt, @Nullable Instant expiresAt) {
		if (expiresAt == null) {
			return null;
		}
		Duration lifetime = Duration.between(obtainedAt, expiresAt);
		Duration half = lifetime.isNegative() ? Duration.ZERO : lifetime.dividedBy(2);
		return expiresAt.minus(min(this.refreshBeforeExpiry, half));
	}

	/**
	 * When this instance starts refreshing a token: {@link #refreshAt} plus a random
	 * share of the refresh window when refreshes are {@link #withRefreshSpread spread}.
	 * @param obtainedAt when the request that brought the token started
	 * @param expiresAt when it expires, {@code null} for never
	 * @return the instant, {@code null} for never
	 */
	public @Nullable Instant scheduledRefreshAt(Instant obtainedAt, @Nullable Instant expiresAt) {
		Instant windowStart = refreshAt(obtainedAt, expiresAt);
		if (this.refreshSpread == 0 || windowStart == null || expiresAt == null) {
			return windowStart;
		}
		long window = Duration.between(windowStart, expiresAt).toMillis();
		return windowStart.plusMillis((long) (window * this.refreshSpread * this.random.getAsDouble()));
	}

	/**
	 * How long to wait after the {@code failures}-th consecutive failure: the floor times
	 * 2^(failures−1), ±20% jitter, capped at max-backoff and never below the floor;
	 * max-backoff at once for a configuration error; the server's {@code Retry-After}
	 * when it is longer.
	 * @param failures the number of consecutive failures, at least 1
	 * @param failure the latest failure
	 * @return the delay
	 */
	public Duration backoff(int failures, EasemobTokenRequestException failure) {
		Duration delay;
		if (failure.isConfigurationError()) {
			delay = this.maxBackoff;
		}
		else {
			double jitter = 1 - JITTER + 2 * JITTER * this.random.getAsDouble();
			long millis = (long) Math.min(this.maxBackoff.toMillis(), exponential(failures) * jitter);
			delay = max(this.minRequestInterval, Duration.ofMillis(millis));
		}
		Duration retryAfter = failure.getRetryAfter();
		return (retryAfter != null) ? max(delay, min(retryAfter, LONGEST_RETRY_AFTER)) : delay;
	}

	private double exponential(int failures) {
		int doublings = Math.max(0, failures - 1);
		return (doublings >= 62) ? Double.MAX_VALUE : (double) this.minRequestInterval.toMillis() * (1L << doublings);
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

}
