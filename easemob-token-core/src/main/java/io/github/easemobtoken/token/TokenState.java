package io.github.easemobtoken.token;

import java.time.Instant;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenRequestException;
import org.jspecify.annotations.Nullable;

/**
 * One immutable snapshot of an app's token lifecycle; {@link TokenLifecycle} alone makes
 * the next one. The provider swaps whole snapshots with a compare-and-set, so a reader
 * sees the token, its instants and whether a request is under way consistently, without a
 * lock.
 *
 * @param held the cached token, if any
 * @param previous the token before {@code held}, or the one dropped after a 401: never
 * to be taken back from a store
 * @param fresh the token may be served without looking at the clock: its refresh is not
 * due yet (set when a token arrives, cleared by the refresh timer or anything that drops
 * the token); the hot path reads no clock, which costs more than the rest of it
 * @param requesting a request (or a look at the store) is under way; nobody starts
 * another
 * @param closed the provider is closed: no request starts any more
 * @param nextAttemptAt the earliest start of the next token request (floor and backoff),
 * {@code null} before the first
 * @param failures how many token requests failed in a row
 * @param lastFailure the last failure, while no request has succeeded since
 * @param rejectedAt when this instance last dropped a token after a 401, while no token
 * has replaced it
 * @author easemob-token
 */
record TokenState(@Nullable HeldToken held, @Nullable EasemobToken previous, boolean fresh, boolean requesting,
		boolean closed, @Nullable Instant nextAttemptAt, int failures,
		@Nullable EasemobTokenRequestException lastFailure, @Nullable Instant rejectedAt) {

	static final TokenState INITIAL = new TokenState(null, null, false, false, false, null, 0, null, null);

	/**
	 * A cached token and its instants.
	 *
	 * @param token the token
	 * @param obtainedAt when the request that brought it started
	 * @param refreshAt when this instance starts refreshing it, {@code null} for never
	 * @param expiresAt when it expires, {@code null} for never
	 */
	record HeldToken(EasemobToken token, Instant obtainedAt, @Nullable Instant refreshAt,
			@Nullable Instant expiresAt) {

		boolean isValidAt(Instant now) {
			return this.expiresAt == null || now.isBefore(this.expiresAt);
		}

		boolean isDueAt(Instant now) {
			return this.refreshAt != null && !now.isBefore(this.refreshAt);
		}

		boolean is(EasemobToken candidate) {
			return this.token.accessToken().equals(candidate.accessToken());
		}

	}

	/** The cached token, if any. */
	@Nullable EasemobToken token() {
		return (this.held != null) ? this.held.token() : null;
	}

	boolean hasValidTokenAt(Instant now) {
		return this.held != null && this.held.isValidAt(now);
	}

	/** Whether {@code candidate} is the current token or the one before it. */
	boolean hasHeld(EasemobToken candidate) {
		return (this.held != null && this.held.is(candidate))
				|| (this.previous != null && this.previous.accessToken().equals(candidate.accessToken()));
	}

	/** Nothing obtained, nothing failed, nothing dropped. */
	boolean isUntouched() {
		return this.held == null && this.previous == null && this.lastFailure == null;
	}

	TokenState withFresh(boolean fresh) {
		return new TokenState(this.held, this.previous, fresh, this.requesting, this.closed, this.nextAttemptAt,
				this.failures, this.lastFailure, this.rejectedAt);
	}

	TokenState withRequesting(boolean requesting) {
		return new TokenState(this.held, this.previous, this.fresh && !requesting, requesting, this.closed,
				this.nextAttemptAt, this.failures, this.lastFailure, this.rejectedAt);
	}

	TokenState withClosed() {
		return new TokenState(this.held, this.previous, false, this.requesting, true, this.nextAttemptAt,
				this.failures, this.lastFailure, this.rejectedAt);
	}

	TokenState withSchedule(@Nullable Instant nextAttemptAt, int failures,
			@Nullable EasemobTokenRequestException lastFailure) {
		return new TokenState(this.held, this.previous, false, false, this.closed, nextAttemptAt, failures,
				lastFailure, this.rejectedAt);
	}

	TokenState withToken(HeldToken held, boolean fresh, @Nullable Instant nextAttemptAt) {
		EasemobToken before = (this.held != null) ? this.held.token() : this.previous;
		return new TokenState(held, before, fresh, false, this.closed, nextAttemptAt, 0, null, null);
	}

	TokenState withoutToken(Instant rejectedAt) {
		return new TokenState(null, token(), false, this.requesting, this.closed, this.nextAttemptAt, this.failures,
				this.lastFailure, rejectedAt);
	}

}
