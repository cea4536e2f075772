package io.github.easemobtoken.autoconfigure;

import java.time.Duration;
import java.util.HashSet;
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
record AppValues(String name, String prefix, Set<String> own, @Nullable String host, @Nullable String orgName,
		@Nullable String appName, @Nullable String appKey, @Nullable String clientId, @Nullable String clientSecret,
		@Nullable Duration ttl, TtlUnit ttlUnit, Duration connectTimeout, Duration responseTimeout, int maxConnections,
		Duration refreshBeforeExpiry, Duration minRequestInterval, Duration maxBackoff, EasemobProperties.Store store,
		Duration storeTimeout) {

	static final String DEFAULT = "default";

	private static final String FLAT = "easemob.";

	static AppValues flat(EasemobProperties properties) {
		EasemobProperties.Token token = properties.getToken();
		return new AppValues(DEFAULT, FLAT, Set.of(), properties.getHost(), properties.getOrgName(),
				properties.getAppName(), properties.getAppKey(), properties.getClientId(), properties.getClientSecret(),
				properties.getTtl(), properties.getTtlUnit(), properties.getConnectTimeout(),
				properties.getResponseTimeout(), properties.getMaxConnections(), token.getRefreshBeforeExpiry(),
				token.getMinRequestInterval(), token.getMaxBackoff(), token.getStore(), token.getStoreTimeout());
	}

	/** A named app: its own values, the flat ones where it has none. */
	static AppValues named(String name, EasemobProperties.App app, EasemobProperties properties) {
		EasemobProperties.Token flat = properties.getToken();
		EasemobProperties.AppToken token = app.getToken();
		Set<String> own = new HashSet<>();
		// The identity is taken as a whole: org-name from above next to an app-key of its own would contradict it.
		boolean ownIdentity = app.getOrgName() != null || app.getAppName() != null || app.getAppKey() != null;
		boolean ownCredentials = ownIdentity || app.getClientId() != null || app.getClientSecret() != null;
		return new AppValues(name, FLAT + "apps." + name + ".", own, pick(own, "host", app.getHost(), properties.getHost()),
				ownIdentity ? mark(own, "org-name", app.getOrgName()) : properties.getOrgName(),
				ownIdentity ? mark(own, "app-name", app.getAppName()) : properties.getAppName(),
				ownIdentity ? mark(own, "app-key", app.getAppKey()) : properties.getAppKey(),
				ownCredentials ? mark(own, "client-id", app.getClientId()) : properties.getClientId(),
				ownCredentials ? mark(own, "client-secret", app.getClientSecret()) : properties.getClientSecret(),
				pick(own, "ttl", app.getTtl(), properties.getTtl()),
				pick(own, "ttl-unit", app.getTtlUnit(), properties.getTtlUnit()),
				pick(own, "connect-timeout", app.getConnectTimeout(), properties.getConnectTimeout()),
				pick(own, "response-timeout", app.getResponseTimeout(), properties.getResponseTimeout()),
				pick(own, "max-connections", app.getMaxConnections(), properties.getMaxConnections()),
				pick(own, "token.refresh-before-expiry", token.getRefreshBeforeExpiry(), flat.getRefreshBeforeExpiry()),
				pick(own, "token.min-request-interval", token.getMinRequestInterval(), flat.getMinRequestInterval()),
				pick(own, "token.max-backoff", token.getMaxBackoff(), flat.getMaxBackoff()),
				pick(own, "token.store", token.getStore(), flat.getStore()),
				pick(own, "token.store-timeout", token.getStoreTimeout(), flat.getStoreTimeout()));
	}

	private static <T> @Nullable T mark(Set<String> own, String key, @Nullable T value) {
		own.add(key);
		return value;
	}

	private static <T> T pick(Set<String> own, String key, @Nullable T value, T inherited) {
		if (value != null) {
			own.add(key);
			return value;
		}
		return inherited;
	}

	/**
	 * The keys of this app, for advice about what to change at run time.
	 * @return the keys
	 */
	EasemobSettingKeys keys() {
		return new EasemobSettingKeys(this.prefix);
	}

	/**
	 * The full name of a key of this app, as the user would write it: under the app's
	 * prefix when the app set it (or must set it), else under {@code easemob.}.
	 * @param key the key without prefix, such as {@code client-secret}
	 * @return the full key
	 */
	String key(String key) {
		return (this.own.contains(key) || !isInheritable(key)) ? this.prefix + key : FLAT + key;
	}

	/** A key with no value anywhere is reported under the app's own prefix. */
	private boolean isInheritable(String key) {
		return this.prefix.equals(FLAT) || hasValue(key);
	}

	/** Whether a key that may be missing has a value; the other keys always have one. */
	private boolean hasValue(String key) {
		return switch (key) {
			case "org-name" -> this.orgName != null;
			case "app-name" -> this.appName != null;
			case "app-key" -> this.appKey != null;
			case "client-id" -> this.clientId != null;
			case "client-secret" -> this.clientSecret != null;
			case "host" -> this.host != null;
			case "ttl" -> this.ttl != null;
			default -> true;
		};
	}

	@Override
	public String toString() {
		return "AppValues[" + this.name + "]";
	}

}
