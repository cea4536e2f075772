package io.github.easemobtoken.mvcsample;

import java.time.Duration;
import java.time.Instant;

import io.github.easemobtoken.EasemobUserToken;
import io.github.easemobtoken.EasemobUserTokens;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Logs a user of this application in to Easemob: the user token their client SDK logs in
 * with, issued by Easemob, or signed here with no request at all. In your application, the
 * username comes from your own login (the authenticated principal), never from what the
 * client claims.
 */
@RestController
class EasemobLoginController {

	private final EasemobUserTokens userTokens;

	EasemobLoginController(EasemobUserTokens easemobUserTokens) {
		this.userTokens = easemobUserTokens;
	}

	// tag::login[]
	/** A token issued by Easemob; a burst of logins waits its turn under the app's limit. */
	@PostMapping("/easemob/login")
	EasemobLogin login(@RequestBody LoginRequest login) {
		return EasemobLogin.of(this.userTokens.issue(login.username()).block(Duration.ofSeconds(15)));
	}

	/** A dynamic token, signed here with the app's secret: no request, no limit, short-lived. */
	@PostMapping("/easemob/login/dynamic")
	EasemobLogin loginDynamic(@RequestBody LoginRequest login) {
		return EasemobLogin.of(this.userTokens.dynamic(login.username(), Duration.ofMinutes(10)));
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
