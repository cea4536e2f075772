package io.github.easemobtoken.token;

import java.time.Instant;

import io.github.easemobtoken.EasemobTokenRequestException;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of the token lifecycle for health checks and gauges. Holds no token.
 *
 * @param state what the lifecycle is doing
 * @param expiresAt when the cached token expires; {@code null} with no token or a
 * permanent one
 * @param lastFailure the last failed request while no request has succeeded since, if any
 * @param consecutiveFailures how many requests failed in a row
 * @param nextAttemptAt the earliest start of the next token request, if one was made
 * @param requestInFlight whether a token request is under way
 * @param at when the snapshot was taken, on the provider's clock
 * @param storeProblem what failed when a shared token store last failed, while it has not
 * answered since; {@code null} while it answers (and for a store that is not shared)
 * @author easemob-token
 */
public record TokenStatus(State state, @Nullable Instant expiresAt, @Nullable EasemobTokenRequestException lastFailure,
		int consecutiveFailures, @Nullable Instant nextAttemptAt, boolean requestInFlight, Instant at,
		@Nullable String storeProblem) {

	/**
	 * What the lifecycle is doing.
	 */
	public enum State {

		/** No token has been obtained and no request has failed yet. */
		NOT_YET_OBTAINED,

		/** A valid token is cached. */
		VALID,

		/** A permanent token is cached. */
		PERMANENT,

		/** The token expired or was rejected, or the requests so far failed. */
		NO_VALID_TOKEN

	}

	/**
	 * Whether a token that has not expired is cached.
	 * @return {@code true} when callers get a token at once
	 */
	public boolean hasValidToken() {
		return this.state == State.VALID || this.state == State.PERMANENT;
	}

}
