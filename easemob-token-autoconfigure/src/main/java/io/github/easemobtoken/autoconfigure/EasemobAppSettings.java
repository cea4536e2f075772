package io.github.easemobtoken.autoconfigure;

import java.time.Duration;

import io.github.easemobtoken.EasemobApp;
import io.github.easemobtoken.EasemobCredentials;
import io.github.easemobtoken.EasemobSettingKeys;
import io.github.easemobtoken.token.TokenPolicy;
import io.github.easemobtoken.token.TtlUnit;
import io.github.easemobtoken.user.UserTokenSettings;
import org.jspecify.annotations.Nullable;

/**
 * One app's configuration, checked and resolved once from {@code easemob.*} (for the app
 * {@code default}) or {@code easemob.apps.<name>.*}: every bean of the app is built from it.
 *
 * @param name the app's name in {@code easemob.apps}, {@code default} for the flat keys
 * @param keys the app's property keys, which messages name at run time
 * @param app the REST host and the app
 * @param credentials the client ID and secret; {@code null} only for the default app when
 * they are missing and no provider of ours needs them
 * @param ttl the lifetime to request, {@code null} for the console's setting
 * @param ttlUnit the unit of {@code ttl} and {@code expires_in}
 * @param connectTimeout the connect timeout
 * @param responseTimeout the response timeout
 * @param maxConnections the size of the WebClient's connection pool
 * @param refreshBeforeExpiry how long before expiry to refresh
 * @param minRequestInterval the floor between two token requests
 * @param maxBackoff the cap of the backoff
 * @param store where the token lives
 * @param storeTimeout the bound of one store operation
 * @param userTokens the user-token settings
 * @author easemob-token
 */
public record EasemobAppSettings(String name, EasemobSettingKeys keys, EasemobApp app,
		@Nullable EasemobCredentials credentials,
		@Nullable Duration ttl, TtlUnit ttlUnit, Duration connectTimeout, Duration responseTimeout, int maxConnections,
		Duration refreshBeforeExpiry, Duration minRequestInterval, Duration maxBackoff, EasemobProperties.Store store,
		Duration storeTimeout, UserTokenSettings userTokens) {

	/** The checked values of one app; the one place its settings are put together. */
	static EasemobAppSettings of(AppValues v, EasemobApp app, @Nullable EasemobCredentials credentials) {
		return new EasemobAppSettings(v.name(), v.keys(), app, credentials, v.ttl(), v.ttlUnit(), v.connectTimeout(),
				v.responseTimeout(), v.maxConnections(), v.refreshBeforeExpiry(), v.minRequestInterval(),
				v.maxBackoff(), v.store(), v.storeTimeout(),
				new UserTokenSettings(v.autoCreateUser(), v.userTokenTtl(), v.ttlUnit(), v.dynamicTtl(),
						v.maxUserTokenRequestsPerSecond(), v.responseTimeout(), v.keys()));
	}

	/**
	 * The token policy of the app; refreshes are spread over the refresh window when the
	 * token is shared through Redis, so that instances do not all become due at once.
	 * @return the policy
	 */
	public TokenPolicy policy() {
		TokenPolicy policy = new TokenPolicy(this.refreshBeforeExpiry, this.minRequestInterval, this.maxBackoff);
		return (this.store == EasemobProperties.Store.REDIS) ? policy.withRefreshSpread(0.5) : policy;
	}

	/**
	 * The longest one instance may hold the fleet's token request: its response timeout
	 * and two store operations.
	 * @return the lease
	 */
	public Duration lease() {
		return this.responseTimeout.plus(this.storeTimeout.multipliedBy(2));
	}

	/**
	 * The credentials, which a token provider needs.
	 * @return the credentials
	 */
	public EasemobCredentials requireCredentials() {
		if (this.credentials == null) {
			throw new IllegalStateException("the credentials of Easemob app '" + this.name + "' were not checked");
		}
		return this.credentials;
	}

}
