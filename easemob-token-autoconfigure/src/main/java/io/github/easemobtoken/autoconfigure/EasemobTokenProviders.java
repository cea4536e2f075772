package io.github.easemobtoken.autoconfigure;

import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.store.TokenStore;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import io.github.easemobtoken.token.CachingEasemobTokenProviderBuilder;
import io.github.easemobtoken.token.EasemobTokenEndpoint;
import io.github.easemobtoken.token.TokenLifecycleListener;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * Builds one app's token provider from its {@link EasemobAppSettings}: the one assembly of
 * the app {@code default}'s provider and of every named app's; and finds the providers of
 * all apps by name. It needs no Spring WebFlux.
 *
 * @author easemob-token
 */
final class EasemobTokenProviders {

	private EasemobTokenProviders() {
	}

	static CachingEasemobTokenProvider create(EasemobAppSettings app, TokenStore store,
			TokenLifecycleListener listener, ClientHttpConnectorBuilder<?> connectorBuilder,
			HttpClientDefaults httpClientDefaults, ObservationRegistry observations, EasemobThreads threads,
			Stream<EasemobTokenProviderBuilderCustomizer> customizers) {
		ClientHttpConnector connector = EasemobHttpConnectors.forTokenEndpoint(HeaderSafeHttpClients
			.reactive(connectorBuilder, "The Easemob token request", threads), httpClientDefaults, app);
		EasemobTokenEndpoint endpoint = new EasemobTokenEndpoint(connector, app.app(), app.requireCredentials(),
				app.ttl(), app.ttlUnit(), app.responseTimeout(), InstantSource.system());
		CachingEasemobTokenProviderBuilder builder = CachingEasemobTokenProvider.builder(endpoint)
			.store(store)
			.policy(app.policy())
			.listener(listener)
			.storeTimeout(app.storeTimeout())
			.observationRegistry(observations)
			.settingKeys(app.keys())
			.scheduler(threads.scheduler())
			.timeoutScheduler(threads.scheduler());
		customizers.forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	/**
	 * The token providers of the configured apps by name: {@code default} first when it is
	 * configured and its provider is ours or the user's only one, then the named apps.
	 */
	static Map<String, EasemobTokenProvider> byApp(EasemobAppsSettings settings,
			ObjectProvider<EasemobTokenProvider> defaultProvider,
			ObjectProvider<EasemobAppBeans<CachingEasemobTokenProvider>> namedProviders) {
		Map<String, EasemobTokenProvider> providers = new LinkedHashMap<>();
		if (settings.defaultApp() != null) {
			EasemobTokenProvider provider = defaultProvider.getIfUnique();
			if (provider != null) {
				providers.put(EasemobAppsSettings.DEFAULT, provider);
			}
		}
		namedProviders.ifAvailable((named) -> providers.putAll(named.asMap()));
		return providers;
	}

}
