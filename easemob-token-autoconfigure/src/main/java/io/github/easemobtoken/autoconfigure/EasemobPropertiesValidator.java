package io.github.easemobtoken.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.easemobtoken.EasemobApp;
import io.github.easemobtoken.EasemobCredentials;
import io.github.easemobtoken.autoconfigure.InvalidEasemobPropertiesException.Violation;
import io.github.easemobtoken.token.TokenPolicy;
import io.github.easemobtoken.token.TtlUnit;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Checks {@link EasemobProperties} and resolves them, once, into the
 * {@link EasemobAppSettings} of every app, collecting every problem of every app, each
 * under the key the user wrote, so that one startup failure reports them all.
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

	/** Easemob's limit of token requests per app key and second, app and user tokens together. */
	static final int MOST_TOKEN_REQUESTS_PER_SECOND = 300;

	static final Duration LONGEST_TTL = TtlUnit.LONGEST_LIFETIME;

	private final AppValues values;

	private final List<Violation> violations = new ArrayList<>();

	private EasemobPropertiesValidator(AppValues values) {
		this.values = values;
	}

	/**
	 * Check and resolve every app: the flat keys (the app {@code default}, when they name
	 * one or no named app is configured) and each of {@code easemob.apps}. Nothing is
	 * thrown here: what is wrong is kept, by app and by what needs it (a client: host, app
	 * and HTTP settings; a token provider of ours: credentials and token settings too),
	 * and reported, all of it at once, by the first bean that needs it.
	 * @param properties the properties
	 * @param classLoader the application's, to see whether the chosen store can be had
	 * @return the apps
	 */
	static EasemobAppsSettings resolve(EasemobProperties properties, @Nullable ClassLoader classLoader) {
		List<Violation> global = new ArrayList<>();
		Map<String, EasemobAppSettings> apps = new LinkedHashMap<>();
		Map<String, List<Violation>> appViolations = new LinkedHashMap<>();
		Map<String, List<Violation>> providerViolations = new LinkedHashMap<>();
		for (AppValues values : appValues(properties, global)) {
			EasemobPropertiesValidator validator = new EasemobPropertiesValidator(values);
			EasemobApp app = validator.checkApp();
			appViolations.put(values.name(), List.copyOf(validator.violations));
			validator.violations.clear();
			EasemobCredentials credentials = validator.checkCredentials();
			validator.checkToken(classLoader);
			providerViolations.put(values.name(), List.copyOf(validator.violations));
			if (app != null) {
				apps.put(values.name(), EasemobAppSettings.of(values, app, credentials));
			}
		}
		checkDistinct(apps, global);
		return new EasemobAppsSettings(apps, global, appViolations, providerViolations);
	}

	private static List<AppValues> appValues(EasemobProperties properties, List<Violation> violations) {
		List<AppValues> all = new ArrayList<>();
		Map<String, EasemobAppProperties> named = properties.getApps();
		if (configuresDefaultApp(properties) && !named.containsKey(AppValues.DEFAULT)) {
			all.add(AppValues.flat(properties));
		}
		named.forEach((name, app) -> {
			if (name.isEmpty() || !name.chars().allMatch((c) -> isUnreserved(c) && c != '.' && c != '~')) {
				violations.add(new Violation("easemob.apps." + name, "'" + name + "' is not a usable app name: use "
						+ "letters, digits, '-' and '_', such as tenant-b"));
			}
			else {
				all.add(AppValues.named(name, app, properties));
			}
		});
		return all;
	}

	/**
	 * Whether the configuration has an app {@code default}: the flat keys when no named app
	 * is configured or when they name an app, or {@code easemob.apps.default}. Conditions
	 * ask this too, so that beans and settings agree.
	 * @param properties the properties
	 * @return whether there is an app {@code default}
	 */
	static boolean configuresDefaultApp(EasemobProperties properties) {
		Map<String, EasemobAppProperties> named = properties.getApps();
		return named.isEmpty() || named.containsKey(AppValues.DEFAULT) || namesAnApp(properties);
	}

	/**
	 * The raw values of the app {@code default}: {@code easemob.apps.default.*} over the
	 * flat keys when that is configured, else the flat keys. Conditions read the app's
	 * settings from this, as the beans do from the resolved settings.
	 * @param properties the properties
	 * @return the values
	 */
	static AppValues defaultAppValues(EasemobProperties properties) {
		EasemobAppProperties app = properties.getApps().get(AppValues.DEFAULT);
		return (app != null) ? AppValues.named(AppValues.DEFAULT, app, properties) : AppValues.flat(properties);
	}

	/** Whether the flat keys name an app: the app {@code default}, next to the named ones. */
	private static boolean namesAnApp(EasemobProperties properties) {
		return trimmed(properties.getOrgName()) != null || trimmed(properties.getAppName()) != null
				|| trimmed(properties.getAppKey()) != null || trimmed(properties.getClientId()) != null
				|| trimmed(properties.getClientSecret()) != null;
	}

	/** Two apps of one host, app and client ID would share one token under two names. */
	private static void checkDistinct(Map<String, EasemobAppSettings> apps, List<Violation> violations) {
		Map<String, String> seen = new LinkedHashMap<>();
		apps.values().forEach((settings) -> {
			String clientId = (settings.credentials() != null) ? settings.credentials().clientId() : "";
			String identity = settings.app().host() + "/" + settings.app().appKey() + "/" + clientId;
			String first = seen.putIfAbsent(identity, settings.name());
			if (first != null) {
				violations.add(new Violation(prefix(settings.name()) + "app-key", "names the same app as "
						+ prefix(first).replaceAll("\\.$", "") + " (" + settings.app().host() + ", "
						+ settings.app().appKey() + ", client ID " + clientId + "); two names for one app would "
						+ "share one token under two lifecycles: remove one, or give it its own app or client ID"));
			}
		});
	}

	private static String prefix(String name) {
		return AppValues.DEFAULT.equals(name) ? "easemob." : "easemob.apps." + name + ".";
	}

	private String key(String key) {
		return this.values.key(key);
	}

	private @Nullable EasemobApp checkApp() {
		URI host = checkHost();
		String orgName = text(key("org-name"), this.values.orgName());
		String appName = text(key("app-name"), this.values.appName());
		String appKey = text(key("app-key"), this.values.appKey());
		if (this.violations.stream().anyMatch((violation) -> violation.problem().contains(UNRESOLVED))) {
			return null;
		}
		if (appKey != null) {
			int hash = appKey.indexOf('#');
			if (hash <= 0 || hash == appKey.length() - 1 || appKey.indexOf('#', hash + 1) >= 0) {
				reject(key("app-key"), "'" + appKey + "' is not of the form org#app; copy 'AppKey' " + CONSOLE);
			}
			else {
				String keyOrg = appKey.substring(0, hash);
				String keyApp = appKey.substring(hash + 1);
				if ((orgName != null && !orgName.equals(keyOrg)) || (appName != null && !appName.equals(keyApp))) {
					reject(key("app-key"), "'" + appKey + "' contradicts " + key("org-name") + " '" + orgName
							+ "' and " + key("app-name") + " '" + appName + "'; set either " + key("app-key") + " or "
							+ key("org-name") + " and " + key("app-name") + ", or make them agree");
				}
				orgName = keyOrg;
				appName = keyApp;
			}
		}
		else {
			if (orgName == null) {
				reject(key("org-name"), "is missing; set it to 'OrgName' " + CONSOLE
						+ ", or set " + key("app-key") + " to the 'AppKey' (org#app)");
			}
			if (appName == null) {
				reject(key("app-name"), "is missing; set it to 'AppName' " + CONSOLE
						+ ", or set " + key("app-key") + " to the 'AppKey' (org#app)");
			}
		}
		checkPathSegment((appKey != null) ? key("app-key") : key("org-name"), "organization", orgName);
		checkPathSegment((appKey != null) ? key("app-key") : key("app-name"), "app", appName);
		checkDuration(key("connect-timeout"), this.values.connectTimeout(), LONGEST_CONNECT_TIMEOUT);
		checkDuration(key("response-timeout"), this.values.responseTimeout(), LONGEST_RESPONSE_TIMEOUT);
		if (this.values.maxConnections() < 1) {
			reject(key("max-connections"), "must be at least 1, was " + this.values.maxConnections());
		}
		return (host != null && orgName != null && appName != null && this.violations.isEmpty())
				? new EasemobApp(host, orgName, appName) : null;
	}

	private @Nullable URI checkHost() {
		String host = text(key("host"), this.values.host());
		if (host != null && host.contains(UNRESOLVED_START)) {
			return null;
		}
		String expected = "; use the 'Rest Api' host " + CONSOLE
				+ ", such as a1.easemob.com, or a URL without a path, such as http://127.0.0.1:8080";
		if (host == null) {
			reject(key("host"), "is blank" + expected);
			return null;
		}
		if (host.chars().anyMatch(Character::isWhitespace)) {
			reject(key("host"), "'" + host + "' contains whitespace" + expected);
			return null;
		}
		try {
			URI uri = new URI(host.contains("://") ? lowerCaseScheme(host) : "https://" + host);
			String path = uri.getRawPath();
			if (path != null && !path.isEmpty() && !path.equals("/")) {
				reject(key("host"), "'" + host + "' has a path; " + key("host") + " takes only the host, the app goes in "
						+ key("org-name") + " and " + key("app-name") + " (or " + key("app-key") + ")");
				return null;
			}
			if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
					|| uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
				reject(key("host"), "'" + host + "' is not a host or an http(s) URL" + expected);
				return null;
			}
			return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), null, null, null);
		}
		catch (URISyntaxException ex) {
			reject(key("host"), "'" + host + "' is not a host or an http(s) URL" + expected);
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
		String clientId = text(key("client-id"), this.values.clientId());
		String clientSecret = text(key("client-secret"), this.values.clientSecret());
		if (clientId == null) {
			reject(key("client-id"), "is missing; set it to 'Client ID' " + CONSOLE);
		}
		if (clientSecret == null) {
			reject(key("client-secret"), "is missing; set it to 'ClientSecret' " + CONSOLE);
		}
		if (clientId == null || clientSecret == null || clientId.contains(UNRESOLVED_START)
				|| clientSecret.contains(UNRESOLVED_START)) {
			return null;
		}
		return new EasemobCredentials(clientId, clientSecret);
	}

	private void checkToken(@Nullable ClassLoader classLoader) {
		checkTtl("ttl", this.values.ttl());
		AppValues token = this.values;
		if (token.refreshBeforeExpiry().isNegative()) {
			reject(key("token.refresh-before-expiry"), "must not be negative, was " + token.refreshBeforeExpiry());
		}
		else if (token.refreshBeforeExpiry().compareTo(TokenPolicy.LONGEST_REFRESH_BEFORE_EXPIRY) > 0) {
			reject(key("token.refresh-before-expiry"), "must be at most "
					+ TokenPolicy.LONGEST_REFRESH_BEFORE_EXPIRY.toDays()
					+ "d, was " + token.refreshBeforeExpiry());
		}
		Duration floor = token.minRequestInterval();
		if (checkDuration(key("token.min-request-interval"), floor, TokenPolicy.LONGEST_BACKOFF)) {
			if (floor.compareTo(TokenPolicy.SHORTEST_FLOOR) < 0) {
				reject(key("token.min-request-interval"), "must be at least 1ms (the floor is kept in whole "
						+ "milliseconds, and a floor of 0 would let failures be retried at once), was " + floor);
			}
			else if (token.maxBackoff().compareTo(floor) < 0) {
				reject(key("token.max-backoff"), "must be at least " + key("token.min-request-interval") + " ("
						+ floor + "), was " + token.maxBackoff());
			}
			else if (token.maxBackoff().compareTo(TokenPolicy.LONGEST_BACKOFF) > 0) {
				reject(key("token.max-backoff"), "must be at most " + describe(TokenPolicy.LONGEST_BACKOFF) + ", was "
						+ token.maxBackoff());
			}
		}
		if (checkDuration(key("token.store-timeout"), token.storeTimeout(), LONGEST_RESPONSE_TIMEOUT)
				&& token.store() == EasemobProperties.Store.REDIS
				&& token.storeTimeout().compareTo(this.values.responseTimeout()) >= 0) {
			reject(key("token.store-timeout"), "must be less than " + key("response-timeout") + " ("
					+ this.values.responseTimeout() + "), was " + token.storeTimeout()
					+ ": a slow store must never hold a token request up for as long as Easemob may take");
		}
		checkUserToken();
		if (token.store() == EasemobProperties.Store.REDIS && !ClassUtils.isPresent(REDIS_TEMPLATE, classLoader)) {
			reject(key("token.store"), "'redis' needs Spring Data Redis: add the dependency "
					+ "org.springframework.boot:spring-boot-starter-data-redis-reactive and configure spring.data.redis.*, "
					+ "or set 'memory'");
		}
	}

	/** A lifetime to request, of an app token or a user token: sent in ttl-unit, 0 for never. */
	private void checkTtl(String key, @Nullable Duration ttl) {
		if (ttl == null) {
			return;
		}
		if (ttl.isNegative()) {
			reject(key(key), "must be 0 (a token that never expires) or a positive duration such as 7d, was " + ttl);
		}
		else if (ttl.compareTo(LONGEST_TTL) > 0) {
			reject(key(key), "must be at most " + LONGEST_TTL.toDays() + "d (100 years; 0 asks for a token that "
					+ "never expires), was " + ttl);
		}
		else if (!this.values.ttlUnit().isWhole(ttl)) {
			reject(key(key), "must be a whole number of " + this.values.ttlUnit().name().toLowerCase(Locale.ROOT)
					+ " (" + key("ttl-unit") + "), was " + ttl);
		}
	}

	private void checkUserToken() {
		checkTtl("user-token.ttl", this.values.userTokenTtl());
		Duration dynamicTtl = this.values.dynamicTtl();
		if (checkDuration(key("user-token.dynamic-ttl"), dynamicTtl, LONGEST_TTL) && dynamicTtl.getNano() != 0) {
			reject(key("user-token.dynamic-ttl"), "must be a whole number of seconds (the dynamic token's ttl is in "
					+ "seconds), was " + dynamicTtl);
		}
		int perSecond = this.values.maxUserTokenRequestsPerSecond();
		if (perSecond < 1 || perSecond > MOST_TOKEN_REQUESTS_PER_SECOND) {
			reject(key("user-token.max-requests-per-second"), "must be between 1 and "
					+ MOST_TOKEN_REQUESTS_PER_SECOND + " (Easemob's limit per app key, app and user tokens together), was "
					+ perSecond);
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

	private static @Nullable String trimmed(@Nullable String value) {
		return (value != null && !value.isBlank()) ? value.strip() : null;
	}

}
