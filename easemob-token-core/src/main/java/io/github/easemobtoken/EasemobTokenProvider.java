package io.github.easemobtoken;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Hands out the Easemob app token for one app.
 * <p>
 * The auto-configured provider caches the token, refreshes it ahead of expiry, sends at
 * most one token request at a time and never more than one per
 * {@code easemob.token.min-request-interval}.
 *
 * @author easemob-token
 */
public interface EasemobTokenProvider {

	/**
	 * A token to call Easemob with. The returned {@link Mono} is evaluated when it is
	 * subscribed: a cached, valid token is emitted at once; with no valid token the
	 * subscriber waits for the one token request in flight. When no token can be had, it
	 * fails with an {@link EasemobTokenUnavailableException}.
	 * @return the token
	 */
	Mono<EasemobToken> getToken();

	/**
	 * The cached token when it is fresh (no refresh due), at once and without allocating;
	 * {@code null} when {@link #getToken()} has work to do, or when the provider keeps no
	 * such cache. A fast path for filters and interceptors, which fall back to
	 * {@link #getToken()} on {@code null}.
	 * @return the fresh token, or {@code null}
	 */
	default @Nullable EasemobToken getFreshToken() {
		return null;
	}

	/**
	 * Report that Easemob rejected {@code rejected} (HTTP 401), so that the next
	 * {@link #getToken()} obtains a new one. Has no effect when {@code rejected} is no longer
	 * the current token, so that many concurrent 401s for one token cause one refresh.
	 * @param rejected the token that was sent with the rejected request
	 */
	void invalidate(EasemobToken rejected);

}
