package io.github.easemobtoken.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.easemobtoken.token.TokenPolicy;
import io.github.easemobtoken.token.TtlUnit;
import io.github.easemobtoken.user.UserTokenSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the Easemob app and its token. The values come from the Easemob
 * console, your app's Application Info page (应用详情). The keys of an app are those of
 * {@link EasemobAppProperties}, the same under {@code easemob.*} and under
 * {@code easemob.apps.<name>.*}; the flat ones start with the defaults below (documented for
 * the IDE in {@code additional-spring-configuration-metadata.json}), and a named app's unset
 * keys take the flat values.
 *
 * @author easemob-token
 */
@ConfigurationProperties("easemob")
public class EasemobProperties extends EasemobAppProperties {

	/** The default of {@code easemob.host}: China zone 1. */
	public static final String DEFAULT_HOST = "a1.easemob.com";

	/** The default of {@code easemob.connect-timeout}. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

	/** The default of {@code easemob.response-timeout}. */
	public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(10);

	/** The default of {@code easemob.max-connections}. */
	public static final int DEFAULT_MAX_CONNECTIONS = 50;

	/** The default of {@code easemob.token.store-timeout}. */
	public static final Duration DEFAULT_STORE_TIMEOUT = Duration.ofMillis(500);

	/**
	 * Whether to auto-configure the Easemob token provider and clients. Read as booleans
	 * are bound (true/on/yes/1, false/off/no/0); any other value stops startup.
	 */
	private boolean enabled = true;

	/**
	 * Further Easemob apps by name, each with any of the keys above
	 * ('easemob.apps.tenant-b.app-key', '...client-secret', '...token.store'); a key an app
	 * leaves unset takes the value above, except the credentials of an app with an identity
	 * of its own. The keys above, when they name an app, are the app 'default'.
	 */
	private final Map<String, EasemobAppProperties> apps = new LinkedHashMap<>();

	public EasemobProperties() {
		setHost(DEFAULT_HOST);
		setTtlUnit(TtlUnit.SECONDS);
		setConnectTimeout(DEFAULT_CONNECT_TIMEOUT);
		setResponseTimeout(DEFAULT_RESPONSE_TIMEOUT);
		setMaxConnections(DEFAULT_MAX_CONNECTIONS);
		Token token = getToken();
		token.setRefreshBeforeExpiry(TokenPolicy.DEFAULT_REFRESH_BEFORE_EXPIRY);
		token.setMinRequestInterval(TokenPolicy.DEFAULT_MIN_REQUEST_INTERVAL);
		token.setMaxBackoff(TokenPolicy.DEFAULT_MAX_BACKOFF);
		token.setStore(Store.MEMORY);
		token.setStoreTimeout(DEFAULT_STORE_TIMEOUT);
		UserToken userToken = getUserToken();
		userToken.setAutoCreateUser(false);
		userToken.setDynamicTtl(UserTokenSettings.DEFAULT_DYNAMIC_TTL);
		userToken.setMaxRequestsPerSecond(UserTokenSettings.DEFAULT_MAX_REQUESTS_PER_SECOND);
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Map<String, EasemobAppProperties> getApps() {
		return this.apps;
	}

}
