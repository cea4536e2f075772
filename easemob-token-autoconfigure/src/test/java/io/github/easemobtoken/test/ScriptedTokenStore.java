package io.github.easemobtoken.test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenRequestException;
import io.github.easemobtoken.store.RefreshClaim;
import io.github.easemobtoken.store.StoredToken;
import io.github.easemobtoken.store.TokenStore;
import reactor.core.publisher.Mono;

/**
 * A shared store whose answers a test scripts: what {@code read()} and {@code claim()}
 * return next (a value, an error, or no answer at all), and a log of every call, as
 * {@code read}, {@code claim}, {@code publish …0001}, {@code report-failure server_error},
 * {@code remove …0001}, {@code wait}. Without a script, it holds nothing and grants.
 */
public final class ScriptedTokenStore implements TokenStore {

	private final ConcurrentLinkedDeque<Mono<StoredToken>> reads = new ConcurrentLinkedDeque<>();

	private final ConcurrentLinkedDeque<Mono<RefreshClaim>> claims = new ConcurrentLinkedDeque<>();

	private final List<String> calls = new CopyOnWriteArrayList<>();

	public ScriptedTokenStore thenRead(Mono<StoredToken> answer) {
		this.reads.add(answer);
		return this;
	}

	public ScriptedTokenStore thenClaim(Mono<RefreshClaim> answer) {
		this.claims.add(answer);
		return this;
	}

	public List<String> calls() {
		return this.calls;
	}

	@Override
	public Mono<StoredToken> read() {
		this.calls.add("read");
		Mono<StoredToken> next = this.reads.poll();
		return (next != null) ? next : Mono.just(StoredToken.ABSENT);
	}

	@Override
	public Mono<RefreshClaim> claim(StoredToken seen, Instant now, Instant notBefore) {
		this.calls.add("claim");
		Mono<RefreshClaim> next = this.claims.poll();
		return (next != null) ? next : Mono.just(new RefreshClaim.Granted(0, seen.version()));
	}

	@Override
	public Mono<Void> publish(RefreshClaim.Granted claim, EasemobToken token, Instant obtainedAt, Instant now) {
		this.calls.add("publish " + token.redacted());
		return Mono.empty();
	}

	@Override
	public Mono<Void> reportFailure(RefreshClaim.Granted claim, EasemobTokenRequestException failure,
			int failures, Instant notBefore) {
		this.calls.add("report-failure " + failure.getReason().tag());
		return Mono.empty();
	}

	@Override
	public Mono<Void> remove(EasemobToken token) {
		this.calls.add("remove " + token.redacted());
		return Mono.empty();
	}

	@Override
	public Mono<Void> awaitChange(StoredToken seen, Duration atMost) {
		this.calls.add("wait");
		return Mono.empty();
	}

	@Override
	public String toString() {
		return "ScriptedTokenStore";
	}

}
