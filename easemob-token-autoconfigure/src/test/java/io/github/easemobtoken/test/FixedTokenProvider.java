package io.github.easemobtoken.test;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenProvider;
import reactor.core.publisher.Mono;

/**
 * A provider an application could define itself: always the same token.
 */
public final class FixedTokenProvider implements EasemobTokenProvider {

	public static final String TOKEN = "user-supplied-token-0001";

	@Override
	public Mono<EasemobToken> getToken() {
		return Mono.just(new EasemobToken(TOKEN, null, null));
	}

	@Override
	public void invalidate(EasemobToken rejected) {
	}

}
