package io.github.easemobtoken.autoconfigure;

import java.time.InstantSource;
import java.util.stream.Stream;

import io.github.easemobtoken.store.TokenStore;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import io.github.easemobtoken.token.EasemobTokenEndpoint;
import io.github.easemobtoken.token.TokenLifecycleListener;
import io.github.easemobtoken.web.EasemobTokenExchangeFilterFunction;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds one app's token provider and WebClient from its {@link EasemobAppSettings}: the
 * one assembly of the app {@code default}'s beans and of every named app's.
 *
 * @author easemob-token
 */
final class EasemobAppClients {

	private EasemobAppClients() {
	}

	static CachingEasemobTokenProvider provider(EasemobAppSettings app, TokenStore store,
			TokenLifecycleListener listener, ClientHttpConnectorBuilder<?> connectorBuilder,
			HttpClientSettings httpClientSettings, ObservationRegistry observations,
			Stream<EasemobTokenProviderBuilderCustomizer> customizers) {
		WebClient tokenClient = WebClient.builder()
			.clientConnector(EasemobHttpConnectors.forTokenEndpoint(
					HeaderSafeHttpClients.reactive(connectorBuilder, "The Easemob token request"), httpClientSettings,
					app))
			.build();
		EasemobTokenEndpoint endpoint = new EasemobTokenEndpoint(tokenClient, app.app(), app.requireCredentials(),
				app.ttl(), app.ttlUnit(), app.responseTimeout(), InstantSource.system());
		CachingEasemobTokenProvider.Builder builder = CachingEasemobTokenProvider.builder(endpoint)
			.store(store)
			.policy(app.policy())
			.listener(listener)
			.storeTimeout(app.storeTimeout())
			.observationRegistry(observations);
		customizers.forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	static WebClient webClient(EasemobAppSettings app, WebClient.Builder builder,
			EasemobTokenExchangeFilterFunction filter, ClientHttpConnectorBuilder<?> connectorBuilder,
			HttpClientSettings httpClientSettings, @Nullable EasemobConnectionPool pool) {
		return configure(app, builder, filter, connectorBuilder, httpClientSettings, pool,
				AppValues.DEFAULT.equals(app.name()) ? "easemobWebClient"
						: "The WebClient of Easemob app '" + app.name() + "'")
			.build();
	}

	static WebClient.Builder configure(EasemobAppSettings app, WebClient.Builder builder,
			EasemobTokenExchangeFilterFunction filter, ClientHttpConnectorBuilder<?> connectorBuilder,
			HttpClientSettings httpClientSettings, @Nullable EasemobConnectionPool pool, String client) {
		return builder.baseUrl(app.app().baseUri().toString())
			.clientConnector(EasemobHttpConnectors.forApi(HeaderSafeHttpClients.reactive(connectorBuilder, client),
					httpClientSettings, app, pool))
			// spring.http.codecs.log-request-details would have ExchangeFunctions log the Authorization header.
			.codecs((codecs) -> codecs.defaultCodecs().enableLoggingRequestDetails(false))
			.filter(filter);
	}

}
