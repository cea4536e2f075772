package io.github.easemobtoken;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * The user tokens of one Easemob app, for its users' client SDKs to log in with: issued by
 * Easemob for a username, or signed locally. Bean {@code easemobUserTokens} for the app
 * {@code default}, {@link EasemobApps#userTokens(String)} for a named app.
 *
 * @author easemob-token
 */
public interface EasemobUserTokens {

	/**
	 * A user token issued by Easemob ({@code grant_type} {@code inherit}), requested with the
	 * app's token. Concurrent calls for one username share one request; requests of the app
	 * wait their turn under {@code easemob.user-token.max-requests-per-second} (at most
	 * {@code easemob.response-timeout}) rather than fail.
	 * @param username the user (Easemob's user ID)
	 * @return the token, or an {@link EasemobUserTokenException} (or an
	 * {@link EasemobTokenUnavailableException} when there is no app token)
	 */
	Mono<EasemobUserToken> issue(String username);

	/**
	 * A dynamic user token, signed here with the app's client secret, for
	 * {@code easemob.user-token.dynamic-ttl}: no request to Easemob.
	 * @param username the user (Easemob's user ID)
	 * @return the token
	 */
	EasemobUserToken dynamic(String username);

	/**
	 * A dynamic user token, signed here with the app's client secret: no request to Easemob.
	 * @param username the user (Easemob's user ID)
	 * @param ttl its lifetime, whole seconds, positive
	 * @return the token
	 */
	EasemobUserToken dynamic(String username, Duration ttl);

}
