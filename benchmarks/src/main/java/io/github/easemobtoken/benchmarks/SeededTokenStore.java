package io.github.easemobtoken.benchmarks;

import java.time.Duration;
import java.time.Instant;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenRequestException;
import io.github.easemobtoken.store.RefreshClaim;
import io.github.easemobtoken.store.StoredToken;
import io.github.easemobtoken.store.TokenStore;
import reactor.core.publisher.Mono;

/** A store that holds one token, as another instance would have left it, and grants every claim. */
final class SeededTokenStore implements TokenStore {

	private final StoredToken stored;

	SeededTokenStore(EasemobToken token) {
		this.stored = new StoredToken(token, Instant.now(), "seed", true);
	}

	@Override
	public Mono<StoredToken> read() {
		return Mono.just(this.stored);
	}

	@Override
	public Mono<RefreshClaim> claim(StoredToken seen, Instant now, Instant notBefore) {
		return Mono.just(new RefreshClaim.Granted(0, seen.version()));
	}

	@Override
	public Mono<Void> publish(RefreshClaim.Granted claim, EasemobToken token, Instant obtainedAt, Instant now) {
		return Mono.empty();
	}

	@Override
	public Mono<Void> reportFailure(RefreshClaim.Granted claim, EasemobTokenRequestException failure,
			int failures, Instant notBefore) {
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

}
