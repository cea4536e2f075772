package io.github.easemobtoken.token;

import java.time.Duration;
import java.util.List;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenRequestException;

/**
 * Told what the token lifecycle does, for metrics and the like. Called on the thread
 * that completed the request; implementations must be quick and must not throw.
 *
 * @author easemob-token
 */
public interface TokenLifecycleListener {

	/** A listener that does nothing. */
	TokenLifecycleListener NONE = new TokenLifecycleListener() {
	};

	/**
	 * A token request to Easemob succeeded.
	 * @param token the new token
	 * @param elapsed how long the request took
	 */
	default void tokenObtained(EasemobToken token, Duration elapsed) {
	}

	/**
	 * A token request to Easemob failed.
	 * @param failure what went wrong
	 * @param elapsed how long the request took
	 */
	default void tokenRequestFailed(EasemobTokenRequestException failure, Duration elapsed) {
	}

	/**
	 * Easemob rejected the current token (HTTP 401).
	 * @param token the rejected token
	 * @param dropped whether the token was dropped; {@code false} when it was obtained
	 * less than {@code min-request-interval} ago and is kept
	 */
	default void tokenRejected(EasemobToken token, boolean dropped) {
	}

	/**
	 * A listener that tells each of {@code listeners} in turn.
	 * @param listeners the listeners
	 * @return the composite listener
	 */
	static TokenLifecycleListener of(List<? extends TokenLifecycleListener> listeners) {
		if (listeners.isEmpty()) {
			return NONE;
		}
		if (listeners.size() == 1) {
			return listeners.get(0);
		}
		List<TokenLifecycleListener> all = List.copyOf(listeners);
		return new TokenLifecycleListener() {

			@Override
			public void tokenObtained(EasemobToken token, Duration elapsed) {
				all.forEach((listener) -> listener.tokenObtained(token, elapsed));
			}

			@Override
			public void tokenRequestFailed(EasemobTokenRequestException failure, Duration elapsed) {
				all.forEach((listener) -> listener.tokenRequestFailed(failure, elapsed));
			}

			@Override
			public void tokenRejected(EasemobToken token, boolean dropped) {
				all.forEach((listener) -> listener.tokenRejected(token, dropped));
			}

		};
	}

}
