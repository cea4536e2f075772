package io.github.easemobtoken.token;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenRequestException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One immutable snapshot of the token lifecycle. The provider swaps whole snapshots, so
 * that a reader sees the token, its instants and the request in flight consistently,
 * without a lock. Instants are epoch milliseconds.
 * <p>
 * {@link #fresh} lets the hot path answer without reading the clock (a clock read costs
 * several times what the rest of {@code getToken()} does): it is set when a token arrives
 * with its refresh still ahead, and cleared by the refresh timer at {@link #refreshAt}, or
 * by anything that drops the token.
 *
 * @author easemob-token
 */
final class TokenState {

	static final TokenState INITIAL = new TokenState(null, null, false, Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE,
			null, Long.MIN_VALUE, 0, null);

	final @Nullable EasemobToken token;

	/** The token may be served without looking at the clock: its refresh is not due yet. */
	final boolean fresh;

	/** The token before {@link #token}, or the one dropped after a 401: never to be taken back from a store. */
	final @Nullable EasemobToken previous;

	/** {@code Mono.just(token)}, built once so that the hot path allocates nothing. */
	final @Nullable Mono<EasemobToken> tokenMono;

	/** When the request that brought the latest token started; MIN before the first. */
	final long obtainedAt;

	/** When a refresh is due; {@link Long#MIN_VALUE} with no token. */
	final long refreshAt;

	/** When {@link #token} expires; {@link Long#MIN_VALUE} with none, MAX for never. */
	final long expiresAt;

	/** The request in flight, which callers with no valid token wait on. */
	final Sinks.@Nullable One<EasemobToken> pending;

	/** The earliest start of the next request (floor and backoff). */
	final long nextAttemptAt;

	final int failures;

	final @Nullable EasemobTokenRequestException lastFailure;

	private TokenState(@Nullable EasemobToken token, @Nullable EasemobToken previous, boolean fresh, long obtainedAt,
			long refreshAt, long expiresAt, Sinks.@Nullable One<EasemobToken> pending, long nextAttemptAt, int failures,
			@Nullable EasemobTokenRequestException lastFailure) {
		this.token = token;
		this.previous = previous;
		this.fresh = fresh;
		this.tokenMono = (token != null) ? Mono.just(token) : null;
		this.obtainedAt = obtainedAt;
		this.refreshAt = refreshAt;
		this.expiresAt = expiresAt;
		this.pending = pending;
		this.nextAttemptAt = nextAttemptAt;
		this.failures = failures;
		this.lastFailure = lastFailure;
	}

	private TokenState(TokenState from, Sinks.@Nullable One<EasemobToken> pending, long nextAttemptAt, int failures,
			@Nullable EasemobTokenRequestException lastFailure) {
		this.token = from.token;
		this.previous = from.previous;
		this.fresh = false;
		this.tokenMono = from.tokenMono;
		this.obtainedAt = from.obtainedAt;
		this.refreshAt = from.refreshAt;
		this.expiresAt = from.expiresAt;
		this.pending = pending;
		this.nextAttemptAt = nextAttemptAt;
		this.failures = failures;
		this.lastFailure = lastFailure;
	}

	TokenState obtained(EasemobToken token, long obtainedAt, long expiresAt, long refreshAt, long nextAttemptAt,
			long now) {
		return new TokenState(token, (this.token != null) ? this.token : this.previous, now < refreshAt, obtainedAt,
				refreshAt, expiresAt, null, nextAttemptAt, 0, null);
	}

	/** The refresh is due: from now on, readers look at the clock. */
	TokenState due() {
		return new TokenState(this, this.pending, this.nextAttemptAt, this.failures, this.lastFailure);
	}

	TokenState requesting(Sinks.One<EasemobToken> request, long nextAttemptAt) {
		return new TokenState(this, request, Math.max(this.nextAttemptAt, nextAttemptAt), this.failures,
				this.lastFailure);
	}

	TokenState failed(EasemobTokenRequestException failure, long nextAttemptAt, int failures) {
		return new TokenState(this, null, Math.max(this.nextAttemptAt, nextAttemptAt), failures, failure);
	}

	/** No request was made: the fleet allows the next one at {@code nextAttemptAt}. */
	TokenState deferred(long nextAttemptAt, @Nullable EasemobTokenRequestException cause) {
		return new TokenState(this, null, nextAttemptAt, this.failures, (cause != null) ? cause : this.lastFailure);
	}

	TokenState withoutToken() {
		return new TokenState(null, this.token, false, this.obtainedAt, Long.MIN_VALUE, Long.MIN_VALUE, this.pending, this.nextAttemptAt,
				this.failures, this.lastFailure);
	}

	/** Whether {@code candidate} is the current token or the one before it. */
	boolean hasHeld(EasemobToken candidate) {
		return isSame(candidate, this.token) || isSame(candidate, this.previous);
	}

	private static boolean isSame(EasemobToken candidate, @Nullable EasemobToken held) {
		return held != null && held.accessToken().equals(candidate.accessToken());
	}

	boolean isValidAt(long now) {
		return now < this.expiresAt;
	}

	boolean isDueAt(long now) {
		return now >= this.refreshAt;
	}

	/**
	 * When the background timer should next look at this state: at the refresh instant
	 * while fresh (to clear {@link #fresh}), then when the next request is allowed.
	 */
	long wakeUpAt() {
		return this.fresh ? this.refreshAt : Math.max(this.refreshAt, this.nextAttemptAt);
	}

}
