package io.github.easemobtoken.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.easemobtoken.EasemobApp;
import io.github.easemobtoken.EasemobCredentials;
import io.github.easemobtoken.autoconfigure.InvalidEasemobPropertiesException.Violation;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Checks {@link EasemobProperties} and resolves them into an {@link EasemobApp} and
 * {@link EasemobCredentials}, collecting every problem so that one startup failure
 * reports them all.
 *
 * @author easemob-token
 */
final class EasemobPropertiesValidator {

	static final String REDIS_TEMPLATE = "org.springframework.data.redis.core.ReactiveStringRedisTemplate";

	private static final String CONSOLE = "from your app's Application Info page (应用详情) in the Easemob console";

	private final EasemobProperties properties;

	private final List<Violation> violations = new ArrayList<>();

	private EasemobPropertiesValidator(EasemobProperties properties) {
		this.properties = properties;
	}

	/**
	 * Check what every Easemob client needs: the host, the app and the HTTP settings.
	 * @param properties the properties
	 * @return the app
	 * @throws InvalidEasemobPropertiesException if anything is wrong
	 */
	static EasemobApp app(EasemobProperties properties) {
		EasemobPropertiesValidator validator = new EasemobPropertiesValidator(properties);
		EasemobApp app = validator.checkApp();
		validator.throwIfInvalid();
		return nonNull(app);
	}

	/**
	 * Check everything the token provider needs: {@link #app} plus the credentials and
	 * the token settings.
	 * @param properties the properties
	 * @param classLoader the application's, to see whether the chosen store can be had
	 * @return the app and its credentials
	 * @throws InvalidEasemobPropertiesException if anything is wrong
	 */
	static Validated all(EasemobProperties properties, @Nullable ClassLoader classLoader) {
		EasemobPropertiesValidator validator = new EasemobPropertiesValidator(properties);
		EasemobApp app = validator.checkApp();
		EasemobCredentials credentials = validator.checkCredentials();
		validator.checkToken(classLoader);
		validator.throwIfInvalid();
		return new Validated(nonNull(app), nonNull(credentials));
	}

	private @Nullable EasemobApp checkApp() {
		URI host = checkHost();
		String orgName = trimmed(this.properties.getOrgName());
		String appName = trimmed(this.properties.getAppName());
		String appKey = trimmed(this.properties.getAppKey());
		if (appKey != null) {
			int hash = appKey.indexOf('#');
			if (hash <= 0 || hash == appKey.length() - 1 || appKey.indexOf('#', hash + 1) >= 0) {
				reject("easemob.app-key", "'" + appKey + "' is not of the form org#app; copy 'AppKey' " + CONSOLE);
			}
			else {
				String keyOrg = appKey.substring(0, hash);
				String keyApp = appKey.substring(hash + 1);
				if ((orgName != null && !orgName.equals(keyOrg)) || (appName != null && !appName.equals(keyApp))) {
					reject("easemob.app-key", "'" + appKey + "' contradicts easemob.org-name '" + orgName
							+ "' and easemob.app-name '" + appName + "'; set either easemob.app-key or "
							+ "easemob.org-name and easemob.app-name, or make them agree");
				}
				orgName = keyOrg;
				appName = keyApp;
			}
		}
		else {
			if (orgName == null) {
				reject("easemob.org-name", "is missing; set it to 'OrgName' " + CONSOLE
						+ ", or set easemob.app-key to the 'AppKey' (org#app)");
			}
			if (appName == null) {
				reject("easemob.app-name", "is missing; set it to 'AppName' " + CONSOLE
						+ ", or set easemob.app-key to the 'AppKey' (org#app)");
			}
		}
		checkPathSegment((appKey != null) ? "easemob.app-key" : "easemob.org-name", orgName);
		checkPathSegment((appKey != null) ? "easemob.app-key" : "easemob.app-name", appName);
		checkPositive("easemob.connect-timeout", this.properties.getConnectTimeout());
		checkPositive("easemob.response-timeout", this.properties.getResponseTimeout());
		if (this.properties.getMaxConnections() < 1) {
			reject("easemob.max-connections", "must be at least 1, was " + this.properties.getMaxConnections());
		}
		return (host != null && orgName != null && appName != null && this.violations.isEmpty())
				? new EasemobApp(host, orgName, appName) : null;
	}

	private @Nullable URI checkHost() {
		String host = trimmed(this.properties.getHost());
		String expected = "; use the 'Rest Api' host " + CONSOLE
				+ ", such as a1.easemob.com, or a URL without a path, such as http://127.0.0.1:8080";
		if (host == null) {
			reject("easemob.host", "is blank" + expected);
			return null;
		}
		if (host.chars().anyMatch(Character::isWhitespace)) {
			reject("easemob.host", "'" + host + "' contains whitespace" + expected);
			return null;
		}
		try {
			URI uri = new URI(host.contains("://") ? host : "https://" + host);
			String path = uri.getRawPath();
			if (path != null && !path.isEmpty() && !path.equals("/")) {
				reject("easemob.host", "'" + host + "' has a path; easemob.host takes only the host, the app goes in "
						+ "easemob.org-name and easemob.app-name (or easemob.app-key)");
				return null;
			}
			if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
					|| uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
				reject("easemob.host", "'" + host + "' is not a host or an http(s) URL" + expected);
				return null;
			}
			return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), null, null, null);
		}
		catch (URISyntaxException ex) {
			reject("easemob.host", "'" + host + "' is not a host or an http(s) URL" + expected);
			return null;
		}
	}

	private void checkPathSegment(String key, @Nullable String name) {
		if (name != null && name.chars().anyMatch((c) -> Character.isWhitespace(c) || "/?#%\\".indexOf(c) >= 0)) {
			reject(key, "'" + name + "' may not contain whitespace, '/', '?', '#', '%' or '\\'; copy it " + CONSOLE);
		}
	}

	private @Nullable EasemobCredentials checkCredentials() {
		String clientId = trimmed(this.properties.getClientId());
		String clientSecret = trimmed(this.properties.getClientSecret());
		if (clientId == null) {
			reject("easemob.client-id", "is missing; set it to 'Client ID' " + CONSOLE);
		}
		if (clientSecret == null) {
			reject("easemob.client-secret", "is missing; set it to 'ClientSecret' " + CONSOLE);
		}
		return (clientId != null && clientSecret != null) ? new EasemobCredentials(clientId, clientSecret) : null;
	}

	private void checkToken(@Nullable ClassLoader classLoader) {
		Duration ttl = this.properties.getTtl();
		if (ttl != null) {
			if (ttl.isNegative()) {
				reject("easemob.ttl", "must be 0 (a token that never expires) or a positive duration such as 7d, was "
						+ ttl);
			}
			else if (!this.properties.getTtlUnit().isWhole(ttl)) {
				reject("easemob.ttl", "must be a whole number of "
						+ this.properties.getTtlUnit().name().toLowerCase(java.util.Locale.ROOT) + " (easemob.ttl-unit), was " + ttl);
			}
		}
		EasemobProperties.Token token = this.properties.getToken();
		if (token.getRefreshBeforeExpiry().isNegative()) {
			reject("easemob.token.refresh-before-expiry", "must not be negative, was " + token.getRefreshBeforeExpiry());
		}
		if (checkPositive("easemob.token.min-request-interval", token.getMinRequestInterval())
				&& token.getMaxBackoff().compareTo(token.getMinRequestInterval()) < 0) {
			reject("easemob.token.max-backoff", "must be at least easemob.token.min-request-interval ("
					+ token.getMinRequestInterval() + "), was " + token.getMaxBackoff());
		}
		if (token.getStore() == EasemobProperties.Store.REDIS
				&& checkPositive("easemob.token.store-timeout", token.getStoreTimeout())
				&& token.getStoreTimeout().compareTo(this.properties.getResponseTimeout()) >= 0) {
			reject("easemob.token.store-timeout", "must be less than easemob.response-timeout ("
					+ this.properties.getResponseTimeout() + "), was " + token.getStoreTimeout()
					+ ": a slow store must never hold a token request up for as long as Easemob may take");
		}
		if (token.getStore() == EasemobProperties.Store.REDIS && !ClassUtils.isPresent(REDIS_TEMPLATE, classLoader)) {
			reject("easemob.token.store", "'redis' needs Spring Data Redis: add the dependency "
					+ "org.springframework.boot:spring-boot-starter-data-redis-reactive and configure spring.data.redis.*, "
					+ "or set 'memory'");
		}
	}

	private boolean checkPositive(String key, Duration duration) {
		if ((duration.isNegative() || duration.isZero())) {
			reject(key, "must be a positive duration such as 10s, was " + duration);
			return false;
		}
		return true;
	}

	private void reject(String key, String problem) {
		this.violations.add(new Violation(key, problem));
	}

	private void throwIfInvalid() {
		if (!this.violations.isEmpty()) {
			throw new InvalidEasemobPropertiesException(this.violations);
		}
	}

	private static @Nullable String trimmed(@Nullable String value) {
		return (value != null && !value.isBlank()) ? value.strip() : null;
	}

	private static <T> T nonNull(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException("validated value is missing");
		}
		return value;
	}

	/**
	 * The validated app and credentials.
	 *
	 * @param app the app
	 * @param credentials its credentials
	 */
	record Validated(EasemobApp app, EasemobCredentials credentials) {
	}

}
