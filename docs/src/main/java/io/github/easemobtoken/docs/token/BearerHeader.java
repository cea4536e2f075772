package io.github.easemobtoken.docs.token;

import io.github.easemobtoken.EasemobTokenProvider;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The app token itself, for a client the starter does not configure.
 */
@Component
public class BearerHeader {

	private final EasemobTokenProvider easemobTokenProvider;

	public BearerHeader(EasemobTokenProvider easemobTokenProvider) {
		this.easemobTokenProvider = easemobTokenProvider;
	}

	public Mono<String> value() {
		// tag::bearer[]
		return this.easemobTokenProvider.getToken().map((token) -> "Bearer " + token.accessToken());
		// end::bearer[]
	}

}
