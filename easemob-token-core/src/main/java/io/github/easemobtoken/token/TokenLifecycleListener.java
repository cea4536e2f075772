package io.github.easemobtoken.token;

import java.time.Duration;
import java.util.List;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenRequestException;
import org.jspecify.annotations.Nullable;

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
	 * An operation on a shared token store failed or timed out, or the store held a value
	 * this instance could not read ({@code decrypt}); the provider carried on alone.
	 * @param operation what failed: {@code read}, {@code claim}, {@code publish},
	 * {@code report-failure}, {@code remove}, {@code wait} or {@code decrypt}
	 * @param cause the error, if there was one
	 */
	default void storeFailed(String operation, @Nullable Throwable cause) {
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

			@Override
			public void storeFailed(String operation, @Nullable Throwable cause) {
				all.forEach((listener) -> listener.storeFailed(operation, cause));
			}

		};
	}

}
