package io.github.easemobtoken.token;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * The unit in which the token endpoint takes {@code ttl} and answers {@code expires_in}:
 * seconds on most clusters, milliseconds on the VIP 5 cluster.
 *
 * @author easemob-token
 */
public enum TtlUnit {

	/** Seconds, the documented unit. */
	SECONDS(ChronoUnit.SECONDS),

	/** Milliseconds, used by the VIP 5 cluster. */
	MILLISECONDS(ChronoUnit.MILLIS);

	/**
	 * The longest lifetime requested ({@code ttl}) or believed ({@code expires_in}): 100
	 * years; longer would overflow instants and means "never" anyway.
	 */
	public static final Duration LONGEST_LIFETIME = Duration.ofDays(36_500);

	private final ChronoUnit unit;

	TtlUnit(ChronoUnit unit) {
		this.unit = unit;
	}

	/**
	 * Whether {@code duration} can be written in this unit without losing a fraction.
	 * @param duration the duration
	 * @return {@code true} if it is a whole number of this unit
	 */
	public boolean isWhole(Duration duration) {
		return duration.truncatedTo(this.unit).equals(duration);
	}

	/**
	 * The number to send as {@code ttl}.
	 * @param ttl the requested lifetime
	 * @return {@code ttl} in this unit
	 */
	public long toWire(Duration ttl) {
		return (this == SECONDS) ? ttl.toSeconds() : ttl.toMillis();
	}

	/**
	 * The duration that an {@code expires_in} value stands for.
	 * @param value the value as received
	 * @return the duration
	 */
	public Duration fromWire(long value) {
		return Duration.of(value, this.unit);
	}

}
