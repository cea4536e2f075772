package io.github.easemobtoken.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.easemobtoken.token.TtlUnit;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * Configuration of the Easemob app and its token. The values come from the Easemob
 * console, your app's Application Info page (应用详情).
 *
 * @author easemob-token
 */
@ConfigurationProperties("easemob")
public class EasemobProperties {

	/**
	 * Whether to auto-configure the Easemob token provider and clients. Read as booleans
	 * are bound (true/on/yes/1, false/off/no/0); any other value stops startup.
	 */
	private boolean enabled = true;

	/**
	 * REST API host of the app ('Rest Api' in the console). A bare host such as
	 * 'a1.easemob.com' means https; a full URL such as 'http://127.0.0.1:8080' is used as
	 * given, its scheme in any case.
	 */
	private String host = "a1.easemob.com";

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
	private TtlUnit ttlUnit = TtlUnit.SECONDS;

	/**
	 * Connect timeout of the token request and of the Easemob WebClient and RestClient; at
	 * most 5m.
	 */
	private Duration connectTimeout = Duration.ofSeconds(5);

	/**
	 * Response timeout of the token request and of the Easemob WebClient and RestClient
	 * (read timeout); at most 10m. Also the longest a call waits for a token.
	 */
	private Duration responseTimeout = Duration.ofSeconds(10);

	/**
	 * Size of the connection pool of the Easemob WebClient. Calls beyond it queue, up to
	 * the response timeout.
	 */
	private int maxConnections = 50;

	private final Token token = new Token();

	/**
	 * Further Easemob apps by name, each with any of the keys above
	 * ('easemob.apps.tenant-b.app-key', '...client-secret', '...token.store'); a key an app
	 * leaves unset takes the value above. The keys above, when they name an app, are the
	 * app 'default'.
	 */
	private final Map<String, App> apps = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getHost() {
		return this.host;
	}

	public void setHost(String host) {
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

	public TtlUnit getTtlUnit() {
		return this.ttlUnit;
	}

	public void setTtlUnit(TtlUnit ttlUnit) {
		this.ttlUnit = ttlUnit;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getResponseTimeout() {
		return this.responseTimeout;
	}

	public void setResponseTimeout(Duration responseTimeout) {
		this.responseTimeout = responseTimeout;
	}

	public int getMaxConnections() {
		return this.maxConnections;
	}

	public void setMaxConnections(int maxConnections) {
		this.maxConnections = maxConnections;
	}

	public Token getToken() {
		return this.token;
	}

	public Map<String, App> getApps() {
		return this.apps;
	}

	/**
	 * When and how often the token is requested.
	 */
	public static class Token {

		/**
		 * How long before expiry a background refresh starts; at most half the token's
		 * lifetime, and at most 365d.
		 */
		private Duration refreshBeforeExpiry = Duration.ofMinutes(5);

		/**
		 * Least time between two token requests, whatever happens, from 1ms to 1d.
		 * Protects the account from being banned for requesting tokens too often.
		 */
		private Duration minRequestInterval = Duration.ofSeconds(10);

		/**
		 * Cap of the exponential backoff after failed token requests, at most 1d; also
		 * the wait after a configuration error (HTTP 400 or 404).
		 */
		private Duration maxBackoff = Duration.ofMinutes(5);

		/**
		 * Where the token lives: 'memory' (this instance only), or 'redis' (one token and
		 * one request schedule for every instance, through Spring Data Redis).
		 */
		private Store store = Store.MEMORY;

		/**
		 * Longest one operation on the token store (Redis) may take; past it the instance
		 * carries on alone for that request. Must be less than easemob.response-timeout.
		 */
		private Duration storeTimeout = Duration.ofMillis(500);

		public Duration getRefreshBeforeExpiry() {
			return this.refreshBeforeExpiry;
		}

		public void setRefreshBeforeExpiry(Duration refreshBeforeExpiry) {
			this.refreshBeforeExpiry = refreshBeforeExpiry;
		}

		public Duration getMinRequestInterval() {
			return this.minRequestInterval;
		}

		public void setMinRequestInterval(Duration minRequestInterval) {
			this.minRequestInterval = minRequestInterval;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public Duration getStoreTimeout() {
			return this.storeTimeout;
		}

		public void setStoreTimeout(Duration storeTimeout) {
			this.storeTimeout = storeTimeout;
		}

		public Store getStore() {
			return this.store;
		}

		public void setStore(Store store) {
			this.store = store;
		}

	}

	/**
	 * One named app: every key may be left unset, to take the value of the same key under
	 * 'easemob.'. The app's identity (org-name, app-name, app-key) is taken as a whole: an
	 * app that sets any of the three takes none of them from above.
	 */
	public static class App {

		/**
		 * REST API host of the app ('Rest Api' in the console).
		 */
		private @Nullable String host;

		/**
		 * Organization name of the app ('OrgName' in the console).
		 */
		private @Nullable String orgName;

		/**
		 * Name of the app ('AppName' in the console).
		 */
		private @Nullable String appName;

		/**
		 * App key as the console shows it, 'org#app'.
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
		 * Lifetime to request for app tokens. A bare number means seconds.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration ttl;

		/**
		 * Unit in which the token endpoint takes 'ttl' and answers 'expires_in'.
		 */
		private @Nullable TtlUnit ttlUnit;

		/**
		 * Connect timeout of the token request and of the app's clients.
		 */
		private @Nullable Duration connectTimeout;

		/**
		 * Response timeout of the token request and of the app's clients.
		 */
		private @Nullable Duration responseTimeout;

		/**
		 * Size of the connection pool of the app's WebClient.
		 */
		private @Nullable Integer maxConnections;

		private final AppToken token = new AppToken();

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

		public AppToken getToken() {
			return this.token;
		}

		@Override
		public String toString() {
			return "App[" + ((this.appKey != null) ? this.appKey : this.orgName + "#" + this.appName) + "]";
		}

	}

	/**
	 * When and how often a named app's token is requested; unset keys take the value of
	 * 'easemob.token.*'.
	 */
	public static class AppToken {

		/**
		 * How long before expiry a background refresh starts.
		 */
		private @Nullable Duration refreshBeforeExpiry;

		/**
		 * Least time between two token requests, whatever happens.
		 */
		private @Nullable Duration minRequestInterval;

		/**
		 * Cap of the exponential backoff after failed token requests.
		 */
		private @Nullable Duration maxBackoff;

		/**
		 * Where the token lives: 'memory' or 'redis'.
		 */
		private @Nullable Store store;

		/**
		 * Longest one operation on the token store may take.
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

		public @Nullable Store getStore() {
			return this.store;
		}

		public void setStore(@Nullable Store store) {
			this.store = store;
		}

		public @Nullable Duration getStoreTimeout() {
			return this.storeTimeout;
		}

		public void setStoreTimeout(@Nullable Duration storeTimeout) {
			this.storeTimeout = storeTimeout;
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

}
