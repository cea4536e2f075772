package io.github.easemobtoken.sample;

import java.time.Instant;

import io.github.easemobtoken.EasemobUserToken;
import io.github.easemobtoken.EasemobUserTokens;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Logs a user of this application in to Easemob: the user token their client SDK logs in
 * with. In your application, the username comes from your own login (the authenticated
 * principal), never from what the client claims.
 */
@RestController
class EasemobLoginController {

	private final EasemobUserTokens userTokens;

	EasemobLoginController(EasemobUserTokens easemobUserTokens) {
		this.userTokens = easemobUserTokens;
	}

	// tag::login[]
	@PostMapping("/easemob/login")
	Mono<EasemobLogin> login(@RequestBody LoginRequest login) {
		return this.userTokens.issue(login.username()).map(EasemobLogin::of);
	}
	// end::login[]

	record LoginRequest(String username) {
	}

	/** What the client SDK needs: its user, its token, and when to ask for a new one. */
	record EasemobLogin(String username, String accessToken, Instant expiresAt) {

		static EasemobLogin of(EasemobUserToken token) {
			return new EasemobLogin(token.username(), token.accessToken(), token.expiresAt().orElse(Instant.MAX));
		}

	}

}
