package io.github.easemobtoken.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

	private static final String UNRESOLVED_START = "${";

	private static final String UNRESOLVED = "contains the unresolved placeholder";

	static final Duration LONGEST_CONNECT_TIMEOUT = Duration.ofMinutes(5);

	static final Duration LONGEST_RESPONSE_TIMEOUT = Duration.ofMinutes(10);

	static final Duration LONGEST_REFRESH_BEFORE_EXPIRY = Duration.ofDays(365);

	/** Also the longest max-backoff: the fleet's schedule in Redis is kept a day. */
	static final Duration LONGEST_BACKOFF = Duration.ofDays(1);

	static final Duration SHORTEST_FLOOR = Duration.ofMillis(1);

	static final Duration LONGEST_TTL = Duration.ofDays(36500);

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
		String orgName = text("easemob.org-name", this.properties.getOrgName());
		String appName = text("easemob.app-name", this.properties.getAppName());
		String appKey = text("easemob.app-key", this.properties.getAppKey());
		if (this.violations.stream().anyMatch((violation) -> violation.problem().contains(UNRESOLVED))) {
			return null;
		}
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
		checkPathSegment((appKey != null) ? "easemob.app-key" : "easemob.org-name", "organization", orgName);
		checkPathSegment((appKey != null) ? "easemob.app-key" : "easemob.app-name", "app", appName);
		checkDuration("easemob.connect-timeout", this.properties.getConnectTimeout(), LONGEST_CONNECT_TIMEOUT);
		checkDuration("easemob.response-timeout", this.properties.getResponseTimeout(), LONGEST_RESPONSE_TIMEOUT);
		if (this.properties.getMaxConnections() < 1) {
			reject("easemob.max-connections", "must be at least 1, was " + this.properties.getMaxConnections());
		}
		return (host != null && orgName != null && appName != null && this.violations.isEmpty())
				? new EasemobApp(host, orgName, appName) : null;
	}

	private @Nullable URI checkHost() {
		String host = text("easemob.host", this.properties.getHost());
		if (host != null && host.contains(UNRESOLVED_START)) {
			return null;
		}
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
			URI uri = new URI(host.contains("://") ? lowerCaseScheme(host) : "https://" + host);
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

	/** RFC 3986 schemes are case-insensitive; {@code URI} compares them as written. */
	private static String lowerCaseScheme(String url) {
		int end = url.indexOf("://");
		return url.substring(0, end).toLowerCase(Locale.ROOT) + url.substring(end);
	}

	/**
	 * Easemob's organization and app names are letters, digits and '-'; anything outside
	 * RFC 3986's unreserved characters would not survive as a path segment.
	 */
	private void checkPathSegment(String key, String what, @Nullable String name) {
		if (name != null && !name.chars().allMatch(EasemobPropertiesValidator::isUnreserved)) {
			reject(key, "the " + what + " name '" + name + "' may contain only letters, digits, '-', '_', '.' and '~' "
					+ "(Easemob's names are letters, digits and '-'); copy it " + CONSOLE);
		}
	}

	private static boolean isUnreserved(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0;
	}

	/**
	 * The value stripped, {@code null} when blank; a placeholder Spring left unresolved is
	 * a violation that names the variable.
	 */
	private @Nullable String text(String key, @Nullable String value) {
		String text = trimmed(value);
		if (text != null) {
			int start = text.indexOf(UNRESOLVED_START);
			int end = text.indexOf('}', start + 2);
			if (start >= 0 && end > start) {
				String placeholder = text.substring(start + 2, end);
				int colon = placeholder.indexOf(':');
				String name = (colon >= 0) ? placeholder.substring(0, colon) : placeholder;
				reject(key, UNRESOLVED + " ${" + name + "}: " + name + " is not set; set the environment variable "
						+ name + " (or the property " + name + ") before starting the application");
			}
		}
		return text;
	}

	private @Nullable EasemobCredentials checkCredentials() {
		String clientId = text("easemob.client-id", this.properties.getClientId());
		String clientSecret = text("easemob.client-secret", this.properties.getClientSecret());
		if ((clientId != null && clientId.contains(UNRESOLVED_START))
				|| (clientSecret != null && clientSecret.contains(UNRESOLVED_START))) {
			return null;
		}
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
			else if (ttl.compareTo(LONGEST_TTL) > 0) {
				reject("easemob.ttl", "must be at most " + LONGEST_TTL.toDays() + "d (100 years; 0 asks for a token that "
						+ "never expires), was " + ttl);
			}
			else if (!this.properties.getTtlUnit().isWhole(ttl)) {
				reject("easemob.ttl", "must be a whole number of "
						+ this.properties.getTtlUnit().name().toLowerCase(Locale.ROOT) + " (easemob.ttl-unit), was " + ttl);
			}
		}
		EasemobProperties.Token token = this.properties.getToken();
		if (token.getRefreshBeforeExpiry().isNegative()) {
			reject("easemob.token.refresh-before-expiry", "must not be negative, was " + token.getRefreshBeforeExpiry());
		}
		else if (token.getRefreshBeforeExpiry().compareTo(LONGEST_REFRESH_BEFORE_EXPIRY) > 0) {
			reject("easemob.token.refresh-before-expiry", "must be at most " + LONGEST_REFRESH_BEFORE_EXPIRY.toDays()
					+ "d, was " + token.getRefreshBeforeExpiry());
		}
		Duration floor = token.getMinRequestInterval();
		if (checkDuration("easemob.token.min-request-interval", floor, LONGEST_BACKOFF)) {
			if (floor.compareTo(SHORTEST_FLOOR) < 0) {
				reject("easemob.token.min-request-interval", "must be at least 1ms (the floor is kept in whole "
						+ "milliseconds, and a floor of 0 would let failures be retried at once), was " + floor);
			}
			else if (token.getMaxBackoff().compareTo(floor) < 0) {
				reject("easemob.token.max-backoff", "must be at least easemob.token.min-request-interval ("
						+ floor + "), was " + token.getMaxBackoff());
			}
			else if (token.getMaxBackoff().compareTo(LONGEST_BACKOFF) > 0) {
				reject("easemob.token.max-backoff", "must be at most 1d, was " + token.getMaxBackoff());
			}
		}
		if (checkDuration("easemob.token.store-timeout", token.getStoreTimeout(), LONGEST_RESPONSE_TIMEOUT)
				&& token.getStore() == EasemobProperties.Store.REDIS
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

	/** Positive and at most {@code longest}, so that the code using it cannot overflow. */
	private boolean checkDuration(String key, Duration duration, Duration longest) {
		if (!checkPositive(key, duration)) {
			return false;
		}
		if (duration.compareTo(longest) > 0) {
			reject(key, "must be at most " + describe(longest) + ", was " + duration);
			return false;
		}
		return true;
	}

	private static String describe(Duration duration) {
		return (duration.toHours() >= 24) ? duration.toDays() + "d" : duration.toMinutes() + "m";
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
