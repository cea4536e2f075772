package io.github.easemobtoken.test;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * Awaitility for waits on real I/O: checks at once, then every few milliseconds, for at
 * most five seconds.
 */
public final class Eventually {

	private Eventually() {
	}

	public static ConditionFactory eventually() {
		return Awaitility.await()
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(2))
			.atMost(Duration.ofSeconds(5));
	}

}
