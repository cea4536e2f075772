package io.github.easemobtoken;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Every configured Easemob app by name: the app {@code default} of the {@code easemob.*}
 * keys, when configured, and each app of {@code easemob.apps.<name>}. Each has its own
 * token lifecycle, clients, store entry and meters. The bean {@code easemobApps}:
 *
 * <pre class="code">
 * easemobApps.webClient(tenantApp(tenantId)).get().uri("/users/{u}", username) …
 * </pre>
 * <p>
 * It hands out WebClients, so the bean exists only with Spring WebFlux on the class path: a
 * Spring MVC application that excludes WebFlux reaches its apps through
 * {@code easemobRestClient} and the {@code @ImportHttpServices} groups named after them.
 *
 * @author easemob-token
 */
public final class EasemobApps {

	private final Map<String, EasemobTokenProvider> providers;

	private final Map<String, WebClient> webClients;

	private final @Nullable Map<String, RestClient> restClients;

	private final Map<String, EasemobUserTokens> userTokens;

	/**
	 * Create the apps.
	 * @param providers the token provider of each app, in the order the apps were
	 * configured
	 * @param webClients the WebClient of each app
	 * @param restClients the RestClient of each app, {@code null} in a WebFlux application
	 */
	public EasemobApps(Map<String, EasemobTokenProvider> providers, Map<String, WebClient> webClients,
			@Nullable Map<String, RestClient> restClients) {
		this(providers, webClients, restClients, Map.of());
	}

	/**
	 * Create the apps, with their user tokens.
	 * @param providers the token provider of each app, in the order the apps were
	 * configured
	 * @param webClients the WebClient of each app
	 * @param restClients the RestClient of each app, {@code null} in a WebFlux application
	 * @param userTokens the user tokens of each app
	 */
	public EasemobApps(Map<String, EasemobTokenProvider> providers, Map<String, WebClient> webClients,
			@Nullable Map<String, RestClient> restClients, Map<String, EasemobUserTokens> userTokens) {
		this.providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
		this.webClients = Map.copyOf(webClients);
		this.restClients = (restClients != null) ? Map.copyOf(restClients) : null;
		this.userTokens = Map.copyOf(userTokens);
	}

	/**
	 * The names of the configured apps.
	 * @return the names, {@code default} first when it is configured
	 */
	public Set<String> names() {
		return this.providers.keySet();
	}

	/**
	 * The token provider of an app.
	 * @param name the app's name
	 * @return its provider
	 * @throws IllegalArgumentException for a name that is not configured
	 */
	public EasemobTokenProvider tokenProvider(String name) {
		return get(this.providers, name, "token provider");
	}

	/**
	 * The {@link WebClient} of an app: base URL {@code {host}/{org}/{app}}, the app's
	 * token on every request.
	 * @param name the app's name
	 * @return its WebClient
	 * @throws IllegalArgumentException for a name that is not configured
	 */
	public WebClient webClient(String name) {
		return get(this.webClients, name, "WebClient");
	}

	/**
	 * The {@link RestClient} of an app, outside WebFlux applications.
	 * @param name the app's name
	 * @return its RestClient
	 * @throws IllegalArgumentException for a name that is not configured
	 * @throws IllegalStateException in a WebFlux application, which gets no blocking
	 * clients, or without {@code spring-boot-restclient}
	 */
	public RestClient restClient(String name) {
		if (this.restClients == null) {
			requireKnown(name);
			throw new IllegalStateException("No RestClient for Easemob app '" + name + "': a WebFlux application gets "
					+ "no blocking clients (a call that blocks would stall an event loop), nor one without "
					+ "spring-boot-restclient; use webClient(\"" + name + "\")");
		}
		return get(this.restClients, name, "RestClient");
	}

	/**
	 * The user tokens of an app: issued by Easemob for a username, or signed locally.
	 * @param name the app's name
	 * @return its user tokens
	 * @throws IllegalArgumentException for a name that is not configured
	 */
	public EasemobUserTokens userTokens(String name) {
		return get(this.userTokens, name, "user tokens");
	}

	private <T> T get(Map<String, T> beans, String name, String what) {
		requireKnown(name);
		T bean = beans.get(name);
		if (bean == null) {
			throw new IllegalStateException("No " + what + " for Easemob app '" + name + "'");
		}
		return bean;
	}

	private void requireKnown(String name) {
		if (!this.providers.containsKey(name)) {
			throw new IllegalArgumentException("No Easemob app named '" + name + "'; the configured apps are "
					+ this.providers.keySet() + " (easemob.apps.<name>.*, and 'default' for the easemob.* keys)");
		}
	}

	@Override
	public String toString() {
		return "EasemobApps" + this.providers.keySet();
	}

}
