package io.github.easemobtoken.store;

import java.time.Duration;
import java.time.Instant;

import io.github.easemobtoken.TokenFailureReason;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@link TokenStore#claim}: whether this instance may ask Easemob for the
 * next token now.
 *
 * @author easemob-token
 */
public sealed interface RefreshClaim {

	/**
	 * This instance asks Easemob; it must then {@link TokenStore#publish publish} the
	 * token or {@link TokenStore#reportFailure report the failure}, which also releases
	 * the claim.
	 *
	 * @param failures how many token requests failed in a row before this one, for the
	 * whole fleet
	 * @param seen the version the claim was granted on
	 */
	record Granted(int failures, String seen) implements RefreshClaim {
	}

	/** The stored value changed since it was read: read it again. */
	record Changed() implements RefreshClaim {
	}

	/**
	 * Another instance is asking Easemob: wait for its token.
	 *
	 * @param remaining how long its claim lasts at most
	 */
	record Leased(Duration remaining) implements RefreshClaim {
	}

	/**
	 * The fleet's floor or backoff holds the next request back.
	 *
	 * @param until the earliest start of the next request
	 * @param failures how many requests failed in a row
	 * @param reason why the last request failed, if it did
	 * @param message what the last failure said, if it failed
	 */
	record NotBefore(Instant until, int failures, @Nullable TokenFailureReason reason,
			@Nullable String message) implements RefreshClaim {
	}

}
