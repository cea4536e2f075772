package io.github.easemobtoken.user;

import java.time.Duration;

import io.github.easemobtoken.EasemobUserToken;
import io.github.easemobtoken.EasemobUserTokenException;
import org.jspecify.annotations.Nullable;

/**
 * Told what happens to an app's user tokens: the meters listen here.
 *
 * @author easemob-token
 */
public interface UserTokenListener {

	/** A listener that ignores everything. */
	UserTokenListener NONE = new UserTokenListener() {
	};

	/**
	 * Easemob issued a user token.
	 * @param token the token
	 * @param elapsed from the call to the token, the wait for a turn included
	 */
	default void issued(EasemobUserToken token, Duration elapsed) {
	}

	/**
	 * A user-token request failed.
	 * @param failure why
	 * @param elapsed from the call to the failure
	 */
	default void failed(EasemobUserTokenException failure, Duration elapsed) {
	}

	/**
	 * A dynamic token was signed.
	 * @param token the token
	 */
	default void signed(EasemobUserToken token) {
	}

	/**
	 * The fleet's limiter could not reach Redis in time, so this instance's own limit applied.
	 * @param cause what failed
	 */
	default void limiterFellBack(@Nullable Throwable cause) {
	}

}
