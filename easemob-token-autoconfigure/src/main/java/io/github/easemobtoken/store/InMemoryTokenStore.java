package io.github.easemobtoken.store;

import java.util.concurrent.atomic.AtomicReference;

import io.github.easemobtoken.EasemobToken;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The default store: one token in this JVM, not shared with other instances.
 *
 * @author easemob-token
 */
public final class InMemoryTokenStore implements TokenStore {

	private final AtomicReference<@Nullable EasemobToken> token = new AtomicReference<>();

	@Override
	public Mono<EasemobToken> get() {
		return Mono.fromSupplier(this.token::get);
	}

	@Override
	public Mono<Void> put(EasemobToken token) {
		return Mono.fromRunnable(() -> this.token.set(token));
	}

	@Override
	public Mono<Void> remove(EasemobToken token) {
		return Mono.fromRunnable(() -> this.token.getAndUpdate((current) -> token.equals(current) ? null : current));
	}

	@Override
	public String toString() {
		return "InMemoryTokenStore";
	}

}
