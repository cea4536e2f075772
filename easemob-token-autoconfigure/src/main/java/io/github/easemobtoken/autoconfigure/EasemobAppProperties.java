package io.github.easemobtoken.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import io.github.easemobtoken.token.TtlUnit;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationUnit;

/**
 * The keys of one Easemob app, the one shape of both the flat {@code easemob.*} keys (the
 * app {@code default}, see {@link EasemobProperties}) and each {@code easemob.apps.<name>.*}.
 * A key left unset is {@code null} here: a named app then takes the value of the same flat
 * key, and the flat keys have the defaults {@link EasemobProperties} sets. The app's
 * identity (org-name, app-name, app-key) is taken as a whole, and so are its credentials:
 * a named app that sets any of its identity takes neither client-id nor client-secret from
 * the flat keys.
 *
 * @author easemob-token
 */
public class EasemobAppProperties {

	/**
	 * REST API host of the app ('Rest Api' in the console). A bare host such as
	 * 'a1.easemob.com' means https; a full URL such as 'http://127.0.0.1:8080' is used as
	 * given, its scheme in any case.
	 */
	private @Nullable String host;

	/**
	 * Organization name of the app ('OrgName' in the console). Required unless app-key is
	 * set.
	 */
	private @Nullable String orgName;

	/**
	 * Name of the app ('AppName' in the console). Required unless app-key is set.
	 */
	private @Nullable String appName;

	/**
	 * App key as the console shows it, 'org#app'. An alternative to org-name and
	 * app-name; when both are set they must agree.
	 */
	private @Nullable String appKey;

	/**
	 * Client ID of the app ('Client ID' in the console).
	 */
	private @Nullable String clientId;

	/**
	 * Client secret of the app ('ClientSecret' in the console). Never logged.
	 */
	private @Nullable String clientSecret;

	/**
	 * Lifetime to request for app tokens, at most 36500d. A bare number means seconds. 0
	 * requests a token that never expires. When unset, the lifetime set in the console
	 * applies.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration ttl;

	/**
	 * Unit in which the token endpoint takes 'ttl' and answers 'expires_in': seconds, or
	 * milliseconds on the VIP 5 cluster.
	 */
	private @Nullable TtlUnit ttlUnit;

	/**
	 * Connect timeout of the token request and of the Easemob WebClient and RestClient; at
	 * most 5m.
	 */
	private @Nullable Duration connectTimeout;

	/**
	 * Response timeout of the token request and of the Easemob WebClient and RestClient
	 * (read timeout); at most 10m. Also the longest a call waits for a token.
	 */
	private @Nullable Duration responseTimeout;

	/**
	 * Size of the connection pool of the Easemob WebClient. Calls beyond it queue, up to
	 * the response timeout.
	 */
	private @Nullable Integer maxConnections;

	private final Token token = new Token();

	private final UserToken userToken = new UserToken();

	public @Nullable String getHost() {
		return this.host;
	}

	public void setHost(@Nullable String host) {
		this.host = host;
	}

	public @Nullable String getOrgName() {
		return this.orgName;
	}

	public void setOrgName(@Nullable String orgName) {
		this.orgName = orgName;
	}

	public @Nullable String getAppName() {
		return this.appName;
	}

	public void setAppName(@Nullable String appName) {
		this.appName = appName;
	}

	public @Nullable String getAppKey() {
		return this.appKey;
	}

	public void setAppKey(@Nullable String appKey) {
		this.appKey = appKey;
	}

	public @Nullable String getClientId() {
		return this.clientId;
	}

	public void setClientId(@Nullable String clientId) {
		this.clientId = clientId;
	}

	public @Nullable String getClientSecret() {
		return this.clientSecret;
	}

	public void setClientSecret(@Nullable String clientSecret) {
		this.clientSecret = clientSecret;
	}

	public @Nullable Duration getTtl() {
		return this.ttl;
	}

	public void setTtl(@Nullable Duration ttl) {
		this.ttl = ttl;
	}

	public @Nullable TtlUnit getTtlUnit() {
		return this.ttlUnit;
	}

	public void setTtlUnit(@Nullable TtlUnit ttlUnit) {
		this.ttlUnit = ttlUnit;
	}

	public @Nullable Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(@Nullable Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public @Nullable Duration getResponseTimeout() {
		return this.responseTimeout;
	}

	public void setResponseTimeout(@Nullable Duration responseTimeout) {
		this.responseTimeout = responseTimeout;
	}

	public @Nullable Integer getMaxConnections() {
		return this.maxConnections;
	}

	public void setMaxConnections(@Nullable Integer maxConnections) {
		this.maxConnections = maxConnections;
	}

	public Token getToken() {
		return this.token;
	}

	public UserToken getUserToken() {
		return this.userToken;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + ((this.appKey != null) ? this.appKey : this.orgName + "#" + this.appName)
				+ "]";
	}

	/**
	 * When and how often the token is requested.
	 */
	public static class Token {

		/**
		 * How long before expiry a background refresh starts; at most half the token's
		 * lifetime, and at most 365d.
		 */
		private @Nullable Duration refreshBeforeExpiry;

		/**
		 * Least time between two token requests, whatever happens, from 1ms to 1d.
		 * Protects the account from being banned for requesting tokens too often.
		 */
		private @Nullable Duration minRequestInterval;

		/**
		 * Cap of the exponential backoff after failed token requests, at most 1d; also
		 * the wait after a configuration error (HTTP 400 or 404).
		 */
		private @Nullable Duration maxBackoff;

		/**
		 * Where the token lives: 'memory' (this instance only), or 'redis' (one token and
		 * one request schedule for every instance, through Spring Data Redis).
		 */
		private @Nullable Store store;

		/**
		 * Longest one operation on the token store (Redis) may take; past it the instance
		 * carries on alone for that request. Must be less than easemob.response-timeout.
		 */
		private @Nullable Duration storeTimeout;

		public @Nullable Duration getRefreshBeforeExpiry() {
			return this.refreshBeforeExpiry;
		}

		public void setRefreshBeforeExpiry(@Nullable Duration refreshBeforeExpiry) {
			this.refreshBeforeExpiry = refreshBeforeExpiry;
		}

		public @Nullable Duration getMinRequestInterval() {
			return this.minRequestInterval;
		}

		public void setMinRequestInterval(@Nullable Duration minRequestInterval) {
			this.minRequestInterval = minRequestInterval;
		}

		public @Nullable Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(@Nullable Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public @Nullable Duration getStoreTimeout() {
			return this.storeTimeout;
		}

		public void setStoreTimeout(@Nullable Duration storeTimeout) {
			this.storeTimeout = storeTimeout;
		}

		public @Nullable Store getStore() {
			return this.store;
		}

		public void setStore(@Nullable Store store) {
			this.store = store;
		}

	}

	/**
	 * Where the token lives.
	 */
	public enum Store {

		/**
		 * In this JVM only.
		 */
		MEMORY,

		/**
		 * In Redis, shared by every instance of the application, which then make the token
		 * requests of one instance.
		 */
		REDIS

	}

	/**
	 * The user tokens of the app: issued by Easemob for a username, or signed locally.
	 */
	public static class UserToken {

		/**
		 * Whether Easemob creates a user it does not know when a token is issued for it
		 * ({@code autoCreateUser}). Default {@code false}: a token for an unknown user fails
		 * with {@code user not found}.
		 */
		private @Nullable Boolean autoCreateUser;

		/**
		 * Lifetime to request for an issued user token, in the unit of ttl-unit; a bare
		 * number is seconds, 0 is a token that never expires. Unset: the console's setting
		 * (用户认证).
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration ttl;

		/**
		 * Lifetime of a dynamic (locally signed) user token, whole seconds; a bare number is
		 * seconds. Default 1h. Keep it short: whoever holds the token logs in as the user.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration dynamicTtl;

		/**
		 * The most user-token requests of the app in any second, for this instance, or for
		 * the fleet with token.store=redis; callers past it wait their turn (at most
		 * response-timeout). Easemob allows 300 a second per app key for app and user tokens
		 * together. Default 50.
		 */
		private @Nullable Integer maxRequestsPerSecond;

		public @Nullable Boolean getAutoCreateUser() {
			return this.autoCreateUser;
		}

		public void setAutoCreateUser(@Nullable Boolean autoCreateUser) {
			this.autoCreateUser = autoCreateUser;
		}

		public @Nullable Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(@Nullable Duration ttl) {
			this.ttl = ttl;
		}

		public @Nullable Duration getDynamicTtl() {
			return this.dynamicTtl;
		}

		public void setDynamicTtl(@Nullable Duration dynamicTtl) {
			this.dynamicTtl = dynamicTtl;
		}

		public @Nullable Integer getMaxRequestsPerSecond() {
			return this.maxRequestsPerSecond;
		}

		public void setMaxRequestsPerSecond(@Nullable Integer maxRequestsPerSecond) {
			this.maxRequestsPerSecond = maxRequestsPerSecond;
		}

	}

}
