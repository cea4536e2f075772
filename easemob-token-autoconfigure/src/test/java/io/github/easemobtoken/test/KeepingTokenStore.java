package io.github.easemobtoken.test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenRequestException;
import io.github.easemobtoken.store.RefreshClaim;
import io.github.easemobtoken.store.StoredToken;
import io.github.easemobtoken.store.TokenStore;
import reactor.core.publisher.Mono;

/**
 * A shared store in this JVM that keeps the last token published (or seeded) and never
 * forgets one, as a store would whose remove failed, and grants every claim: for tests of
 * what the provider takes from a store, without Redis. Counts its reads.
 */
public final class KeepingTokenStore implements TokenStore {

	private final AtomicInteger reads = new AtomicInteger();

	private volatile StoredToken last = StoredToken.ABSENT;

	public KeepingTokenStore() {
	}

	/** A store that holds {@code token}, as another instance that obtained it now would leave it. */
	public KeepingTokenStore(EasemobToken token) {
		this.last = new StoredToken(token, Instant.now(), "seeded", true);
	}

	public int reads() {
		return this.reads.get();
	}

	@Override
	public Mono<StoredToken> read() {
		return Mono.fromSupplier(() -> {
			this.reads.incrementAndGet();
			return this.last;
		});
	}

	@Override
	public Mono<RefreshClaim> claim(StoredToken seen, Instant now, Instant notBefore) {
		return Mono.just(new RefreshClaim.Granted(0, seen.version()));
	}

	@Override
	public Mono<Void> publish(RefreshClaim.Granted claim, EasemobToken token, Instant obtainedAt, Instant now) {
		return Mono.fromRunnable(() -> this.last = new StoredToken(token, obtainedAt, token.redacted(), true));
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

	@Override
	public String toString() {
		return "KeepingTokenStore";
	}

}
