package io.github.easemobtoken.token;

import java.time.Duration;
import java.time.Instant;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenRequestException;
import org.jspecify.annotations.Nullable;

/**
 * The token lifecycle as one pure decision, with no Reactor, no clock and no store in it:
 * given a {@link TokenState} and the current instant, what a caller gets
 * ({@link #decide}); given what came of an attempt, the next state. It alone computes the
 * next-attempt instant and the failure count, for one instance and for the fleet (a
 * shared store only reports what the fleet has seen).
 * <p>
 * The rules, in DESIGN.md's words: a fresh token is served; a due one is served while
 * one refresh starts; with no valid token callers wait on the one request in flight, or
 * get the failure; nothing starts a request before {@code nextAttemptAt}, which a request
 * moves to at least its start plus the floor, and a failure to its backoff.
 *
 * @author easemob-token
 */
final class TokenLifecycle {

	private final TokenPolicy policy;

	TokenLifecycle(TokenPolicy policy) {
		this.policy = policy;
	}

	/** What a caller gets. */
	enum Decision {

		/** The cached token. */
		SERVE,

		/** The cached token, and one refresh starts. */
		SERVE_AND_REFRESH,

		/** No valid token: one request starts, and the caller waits for it. */
		REFRESH_AND_WAIT,

		/** No valid token: the caller waits for the request under way. */
		WAIT,

		/** No valid token and none to be had now: the caller gets the failure. */
		FAIL;

		/** Whether this decision starts a request. */
		boolean starts() {
			return this == SERVE_AND_REFRESH || this == REFRESH_AND_WAIT;
		}

	}

	/**
	 * What a caller gets in state {@code s} at {@code now}.
	 * @param s the state
	 * @param now the current instant
	 * @return the decision
	 */
	Decision decide(TokenState s, Instant now) {
		boolean valid = s.hasValidTokenAt(now);
		if (valid && !s.held().isDueAt(now)) {
			return Decision.SERVE;
		}
		if (mayStart(s, now)) {
			return valid ? Decision.SERVE_AND_REFRESH : Decision.REFRESH_AND_WAIT;
		}
		if (valid) {
			return Decision.SERVE;
		}
		return (s.requesting() && !s.closed()) ? Decision.WAIT : Decision.FAIL;
	}

	private static boolean mayStart(TokenState s, Instant now) {
		return !s.requesting() && !s.closed() && (s.nextAttemptAt() == null || !now.isBefore(s.nextAttemptAt()));
	}

	/**
	 * A request starts.
	 * @param s the state the decision was made on
	 * @return the next state
	 */
	TokenState requesting(TokenState s) {
		return s.withRequesting(true);
	}

	/**
	 * A token arrived.
	 * @param s the state
	 * @param token the token
	 * @param obtainedAt when the request that brought it started
	 * @param requested whether this instance sent that request (else it took the token from
	 * a store, and its own floor stays as it was)
	 * @param now the current instant
	 * @return the next state
	 */
	TokenState obtained(TokenState s, EasemobToken token, Instant obtainedAt, boolean requested, Instant now) {
		Instant expiresAt = token.expiresAt().orElse(null);
		Instant refreshAt = this.policy.scheduledRefreshAt(obtainedAt, expiresAt);
		TokenState.HeldToken held = new TokenState.HeldToken(token, obtainedAt, refreshAt, expiresAt);
		boolean fresh = refreshAt == null || now.isBefore(refreshAt);
		return s.withToken(held, fresh, requested ? floorAfter(obtainedAt) : s.nextAttemptAt());
	}

	/**
	 * The failure count and the earliest next attempt after a failed request, for this
	 * instance and, when the store is shared, for the fleet.
	 * @param s the state
	 * @param fleetFailures how many requests failed in a row for the whole fleet before
	 * this one, 0 when the store is not shared
	 * @param startedAt when the failed request started
	 * @param now the current instant
	 * @param failure what went wrong
	 * @return the schedule
	 */
	Backoff backoff(TokenState s, int fleetFailures, Instant startedAt, Instant now,
			EasemobTokenRequestException failure) {
		int failures = Math.max(s.failures(), fleetFailures) + 1;
		Instant notBefore = later(floorAfter(startedAt), now.plus(this.policy.backoff(failures, failure)));
		return new Backoff(failures, notBefore);
	}

	/**
	 * A request failed.
	 * @param s the state
	 * @param failure what went wrong
	 * @param backoff the schedule {@link #backoff} computed for it
	 * @return the next state: a still-valid token is kept
	 */
	TokenState failed(TokenState s, EasemobTokenRequestException failure, Backoff backoff) {
		return s.withSchedule(later(s.nextAttemptAt(), backoff.notBefore()), backoff.failures(), failure);
	}

	/**
	 * The fleet holds the request back: no request was sent.
	 * @param s the state
	 * @param until when the fleet allows the next one
	 * @param cause the fleet's last failure, if it failed
	 * @return the next state
	 */
	TokenState deferred(TokenState s, Instant until, @Nullable EasemobTokenRequestException cause) {
		return s.withSchedule(later(s.nextAttemptAt(), until), s.failures(),
				(cause != null) ? cause : s.lastFailure());
	}

	/**
	 * The refresh timer fired: once the refresh is due, readers look at the clock.
	 * @param s the state
	 * @param now the current instant
	 * @return the next state
	 */
	TokenState due(TokenState s, Instant now) {
		return (s.fresh() && s.held() != null && s.held().isDueAt(now)) ? s.withFresh(false) : s;
	}

	/**
	 * No timer could be set: readers look at the clock from now on.
	 * @param s the state
	 * @return the next state
	 */
	TokenState untimed(TokenState s) {
		return s.withFresh(false);
	}

	/**
	 * The provider closes: no request starts any more. Part of the state, so that an
	 * attempt decided on a state from before the close cannot be recorded after it.
	 * @param s the state
	 * @return the next state
	 */
	TokenState closed(TokenState s) {
		return s.withClosed();
	}

	/** What a 401 does to the state. */
	enum Rejection {

		/** The token is no longer the cached one: nothing to do. */
		NOT_CURRENT,

		/** The token is younger than the floor: kept, and no request is made for it. */
		KEPT,

		/** The token is dropped; the next call requests a new one. */
		DROPPED

	}

	/**
	 * What a 401 for {@code rejected} does.
	 * @param s the state
	 * @param rejected the token Easemob rejected
	 * @param now the current instant
	 * @return the outcome
	 */
	Rejection rejection(TokenState s, EasemobToken rejected, Instant now) {
		TokenState.HeldToken held = s.held();
		if (held == null || !held.is(rejected)) {
			return Rejection.NOT_CURRENT;
		}
		return now.isBefore(floorAfter(held.obtainedAt())) ? Rejection.KEPT : Rejection.DROPPED;
	}

	/**
	 * The state once a rejected token is dropped.
	 * @param s the state
	 * @param now the current instant
	 * @return the next state
	 */
	TokenState dropped(TokenState s, Instant now) {
		return s.withoutToken(now);
	}

	/**
	 * Whether a token another instance put in a shared store may be taken instead of asking
	 * Easemob: not one this instance held (nor the one it dropped), not one due for refresh,
	 * and after a 401, not one older than the rejection it answers (a token this instance
	 * has not seen rejected may be one the fleet has just rejected). Tokens requested
	 * within the floor before the rejection count as answering it: they are the fleet's
	 * replacement of a token rejected a moment earlier elsewhere.
	 * @param s the state
	 * @param token the stored token
	 * @param obtainedAt when the request that brought it started
	 * @param now the current instant
	 * @return whether to take it
	 */
	boolean mayAdopt(TokenState s, EasemobToken token, Instant obtainedAt, Instant now) {
		if (s.hasHeld(token)) {
			return false;
		}
		Instant refreshAt = this.policy.refreshAt(obtainedAt, token.expiresAt().orElse(null));
		if (refreshAt != null && !now.isBefore(refreshAt)) {
			return false;
		}
		Instant rejectedAt = s.rejectedAt();
		return rejectedAt == null || obtainedAt.isAfter(rejectedAt.minus(this.policy.minRequestInterval()));
	}

	/**
	 * When the refresh timer should next look at the state: at the refresh instant while
	 * fresh (to clear {@code fresh}), then when the next request is allowed.
	 * @param s the state
	 * @return the instant, {@code null} for no wake-up
	 */
	@Nullable Instant wakeUpAt(TokenState s) {
		if (s.closed() || s.requesting()) {
			return null;
		}
		TokenState.HeldToken held = s.held();
		if (held == null) {
			return s.nextAttemptAt();
		}
		if (held.refreshAt() == null) {
			return null;
		}
		return s.fresh() ? held.refreshAt() : later(held.refreshAt(), s.nextAttemptAt());
	}

	/**
	 * The state as health checks and gauges see it.
	 * @param s the state
	 * @param now the current instant
	 * @param storeProblem what failed when a shared store last failed, if it has not
	 * answered since
	 * @return the status
	 */
	TokenStatus status(TokenState s, Instant now, @Nullable String storeProblem) {
		TokenState.HeldToken held = s.held();
		TokenStatus.State state;
		if (held != null && held.expiresAt() == null) {
			state = TokenStatus.State.PERMANENT;
		}
		else if (s.hasValidTokenAt(now)) {
			state = TokenStatus.State.VALID;
		}
		else if (s.isUntouched()) {
			state = TokenStatus.State.NOT_YET_OBTAINED;
		}
		else {
			state = TokenStatus.State.NO_VALID_TOKEN;
		}
		return new TokenStatus(state, (held != null) ? held.expiresAt() : null, s.lastFailure(), s.failures(),
				s.nextAttemptAt(), s.requesting(), now, storeProblem);
	}

	/**
	 * The earliest start of the request after one that starts at {@code start}.
	 * @param start when a request starts
	 * @return the instant
	 */
	Instant floorAfter(Instant start) {
		return start.plus(this.policy.minRequestInterval());
	}

	/**
	 * Whether a token that lives {@code lifetime} leaves calls without one between expiry
	 * and the next allowed request.
	 * @param obtainedAt when the request that brought it started
	 * @param expiresAt when it expires, {@code null} for never
	 * @return whether it is shorter than twice the floor
	 */
	boolean isShortLived(Instant obtainedAt, @Nullable Instant expiresAt) {
		return expiresAt != null
				&& Duration.between(obtainedAt, expiresAt).compareTo(this.policy.minRequestInterval().multipliedBy(2)) < 0;
	}

	private static Instant later(@Nullable Instant a, Instant b) {
		return (a != null && a.isAfter(b)) ? a : b;
	}

	/**
	 * The schedule after a failed request.
	 *
	 * @param failures how many requests failed in a row, this one included
	 * @param notBefore the earliest start of the next request
	 */
	record Backoff(int failures, Instant notBefore) {
	}

}
