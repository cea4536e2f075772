package io.github.easemobtoken.store;

import java.time.Duration;
import java.time.Instant;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenRequestException;
import reactor.core.publisher.Mono;

/**
 * The default store: this instance alone. Nothing is shared, so every claim is granted
 * and the provider's own token, floor and backoff are all there is.
 *
 * @author easemob-token
 */
public final class InMemoryTokenStore implements TokenStore {

	private static final Mono<RefreshClaim> GRANTED = Mono.just(new RefreshClaim.Granted(0, ""));

	@Override
	public Mono<StoredToken> read() {
		return Mono.just(StoredToken.ABSENT);
	}

	@Override
	public Mono<RefreshClaim> claim(StoredToken seen, Instant now, Instant notBefore) {
		return GRANTED;
	}

	@Override
	public Mono<Void> publish(RefreshClaim.Granted claim, EasemobToken token, Instant obtainedAt, Instant now) {
		return Mono.empty();
	}

	@Override
	public Mono<Void> reportFailure(RefreshClaim.Granted claim, EasemobTokenRequestException failure, int failures,
			Instant notBefore) {
		return Mono.empty();
	}

	@Override
	public Mono<Void> remove(EasemobToken token) {
		return Mono.empty();
	}

	@Override
	public Mono<Void> awaitChange(StoredToken seen, Duration atMost) {
		return Mono.empty();
	}

	@Override
	public String toString() {
		return "InMemoryTokenStore";
	}

}
