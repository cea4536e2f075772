package io.github.easemobtoken.user;

import java.time.Duration;

/**
 * A user-token request whose turn under the limit is further away than the longest wait.
 *
 * @author easemob-token
 */
public final class UserTokenLimitException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Duration turnIn;

	/**
	 * Create an exception.
	 * @param turnIn how far away the request's turn is
	 * @param maxWait the longest it may wait
	 * @param maxRequestsPerSecond the limit
	 */
	public UserTokenLimitException(Duration turnIn, Duration maxWait, int maxRequestsPerSecond) {
		super("the user-token requests of this app are limited to " + maxRequestsPerSecond
				+ " a second, and this one's turn is " + turnIn.toMillis() + " ms away, more than the "
				+ maxWait.toMillis() + " ms it may wait");
		this.turnIn = turnIn;
	}

	/**
	 * How far away the request's turn was.
	 * @return the wait it would have had
	 */
	public Duration getTurnIn() {
		return this.turnIn;
	}

}
