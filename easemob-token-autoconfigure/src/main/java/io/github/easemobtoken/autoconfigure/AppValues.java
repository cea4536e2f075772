package io.github.easemobtoken.autoconfigure;

import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import io.github.easemobtoken.EasemobSettingKeys;
import io.github.easemobtoken.token.TtlUnit;
import org.jspecify.annotations.Nullable;

/**
 * The raw values of one app as configured, before they are checked: the flat
 * {@code easemob.*} keys for the app {@code default}, or {@code easemob.apps.<name>.*} with
 * unset keys taken from the flat keys. Remembers where each value came from, so that a
 * problem is reported under the key the user wrote.
 * <p>
 * The credentials belong to one app: a named app with an identity of its own (org-name,
 * app-name or app-key) takes neither client-id nor client-secret from the flat keys, and
 * no app takes one of the pair from them while setting the other itself; otherwise one
 * app's secret would be sent to another app's endpoint.
 *
 * @author easemob-token
 */
record AppValues(String name, String prefix, Set<String> inherited, @Nullable String host, @Nullable String orgName,
		@Nullable String appName, @Nullable String appKey, @Nullable String clientId, @Nullable String clientSecret,
		@Nullable Duration ttl, TtlUnit ttlUnit, Duration connectTimeout, Duration responseTimeout, int maxConnections,
		Duration refreshBeforeExpiry, Duration minRequestInterval, Duration maxBackoff, EasemobAppProperties.Store store,
		Duration storeTimeout, boolean autoCreateUser, @Nullable Duration userTokenTtl, Duration dynamicTtl,
		int maxUserTokenRequestsPerSecond) {

	static final String DEFAULT = "default";

	private static final String FLAT = "easemob.";

	/** The defaults, which the flat keys inherit. */
	private static final EasemobProperties DEFAULTS = new EasemobProperties();

	AppValues {
		inherited = Set.copyOf(inherited);
	}

	/**
	 * The app {@code default} of the flat keys.
	 * @param properties the properties
	 * @return its values
	 */
	static AppValues flat(EasemobProperties properties) {
		return resolve(DEFAULT, FLAT, properties, DEFAULTS);
	}

	/**
	 * A named app: its own values, the flat ones where it has none.
	 * @param name the app's name in {@code easemob.apps}
	 * @param app its keys
	 * @param properties the flat keys
	 * @return its values
	 */
	static AppValues named(String name, EasemobAppProperties app, EasemobProperties properties) {
		return resolve(name, FLAT + "apps." + name + ".", app, properties);
	}

	/** The one place a key's value is chosen: the app's own, else the one it inherits. */
	private static AppValues resolve(String name, String prefix, EasemobAppProperties app,
			EasemobAppProperties above) {
		EasemobAppProperties.Token token = app.getToken();
		EasemobAppProperties.Token aboveToken = above.getToken();
		EasemobAppProperties.UserToken userToken = app.getUserToken();
		EasemobAppProperties.UserToken aboveUserToken = above.getUserToken();
		Set<String> inherited = new HashSet<>();
		// The identity is taken as a whole: org-name from above next to an app-key of its own would contradict it.
		boolean ownIdentity = app.getOrgName() != null || app.getAppName() != null || app.getAppKey() != null;
		boolean ownCredentials = ownIdentity || app.getClientId() != null || app.getClientSecret() != null;
		// The set is complete once every argument is evaluated, before the constructor copies it.
		return new AppValues(name, prefix, inherited, pick(inherited, "host", app.getHost(), above.getHost()),
				ownIdentity ? app.getOrgName() : inherit(inherited, "org-name", above.getOrgName()),
				ownIdentity ? app.getAppName() : inherit(inherited, "app-name", above.getAppName()),
				ownIdentity ? app.getAppKey() : inherit(inherited, "app-key", above.getAppKey()),
				ownCredentials ? app.getClientId() : inherit(inherited, "client-id", above.getClientId()),
				ownCredentials ? app.getClientSecret() : inherit(inherited, "client-secret", above.getClientSecret()),
				pick(inherited, "ttl", app.getTtl(), above.getTtl()),
				set(pick(inherited, "ttl-unit", app.getTtlUnit(), above.getTtlUnit())),
				set(pick(inherited, "connect-timeout", app.getConnectTimeout(), above.getConnectTimeout())),
				set(pick(inherited, "response-timeout", app.getResponseTimeout(), above.getResponseTimeout())),
				set(pick(inherited, "max-connections", app.getMaxConnections(), above.getMaxConnections())),
				set(pick(inherited, "token.refresh-before-expiry", token.getRefreshBeforeExpiry(),
						aboveToken.getRefreshBeforeExpiry())),
				set(pick(inherited, "token.min-request-interval", token.getMinRequestInterval(),
						aboveToken.getMinRequestInterval())),
				set(pick(inherited, "token.max-backoff", token.getMaxBackoff(), aboveToken.getMaxBackoff())),
				set(pick(inherited, "token.store", token.getStore(), aboveToken.getStore())),
				set(pick(inherited, "token.store-timeout", token.getStoreTimeout(), aboveToken.getStoreTimeout())),
				set(pick(inherited, "user-token.auto-create-user", userToken.getAutoCreateUser(),
						aboveUserToken.getAutoCreateUser())),
				pick(inherited, "user-token.ttl", userToken.getTtl(), aboveUserToken.getTtl()),
				set(pick(inherited, "user-token.dynamic-ttl", userToken.getDynamicTtl(),
						aboveUserToken.getDynamicTtl())),
				set(pick(inherited, "user-token.max-requests-per-second", userToken.getMaxRequestsPerSecond(),
						aboveUserToken.getMaxRequestsPerSecond())));
	}

	/** Every key with a default has a value by the time it gets here: the flat keys start with one. */
	private static <T> T set(@Nullable T value) {
		return Objects.requireNonNull(value, "a key with a default has no value");
	}

	private static <T> @Nullable T pick(Set<String> inherited, String key, @Nullable T value, @Nullable T above) {
		return (value != null) ? value : inherit(inherited, key, above);
	}

	private static <T> @Nullable T inherit(Set<String> inherited, String key, @Nullable T above) {
		if (above != null) {
			inherited.add(key);
		}
		return above;
	}

	/**
	 * The keys of this app, each as the user wrote it, for messages at startup and at run
	 * time.
	 * @return the keys
	 */
	EasemobSettingKeys keys() {
		return new EasemobSettingKeys(this.prefix, this.inherited);
	}

	/**
	 * The full name of a key of this app, as the user would write it: {@code easemob.<key>}
	 * when the app took the value from there, else under the app's own prefix (a missing
	 * value too: that is where it belongs).
	 * @param key the key without prefix, such as {@code client-secret}
	 * @return the full key
	 */
	String key(String key) {
		return keys().key(key);
	}

	@Override
	public String toString() {
		return "AppValues[" + this.name + "]";
	}

}
