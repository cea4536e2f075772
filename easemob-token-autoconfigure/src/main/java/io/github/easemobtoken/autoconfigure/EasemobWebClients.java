package io.github.easemobtoken.autoconfigure;

import io.github.easemobtoken.web.EasemobTokenExchangeFilterFunction;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds one app's {@link WebClient} from its {@link EasemobAppSettings}: the one assembly
 * of {@code easemobWebClient}, of every named app's WebClient and of the WebClient-backed
 * HTTP service groups. Only the WebClient auto-configuration loads it.
 *
 * @author easemob-token
 */
final class EasemobWebClients {

	private EasemobWebClients() {
	}

	static WebClient webClient(EasemobAppSettings app, WebClient.Builder builder,
			EasemobTokenExchangeFilterFunction filter, ClientHttpConnectorBuilder<?> connectorBuilder,
			HttpClientDefaults httpClientDefaults, @Nullable EasemobConnectionPool pool, EasemobThreads threads) {
		return configure(app, builder, filter, connectorBuilder, httpClientDefaults, pool, threads,
				AppValues.DEFAULT.equals(app.name()) ? "easemobWebClient"
						: "The WebClient of Easemob app '" + app.name() + "'")
			.build();
	}

	static WebClient.Builder configure(EasemobAppSettings app, WebClient.Builder builder,
			EasemobTokenExchangeFilterFunction filter, ClientHttpConnectorBuilder<?> connectorBuilder,
			HttpClientDefaults httpClientDefaults, @Nullable EasemobConnectionPool pool, EasemobThreads threads,
			String client) {
		return builder.baseUrl(app.app().baseUri().toString())
			.clientConnector(EasemobHttpConnectors.forApi(HeaderSafeHttpClients.reactive(connectorBuilder, client,
					threads),
					httpClientDefaults, app, pool))
			// spring.http.codecs.log-request-details (Boot 3: spring.codec.*) would have ExchangeFunctions log the Authorization header.
			.codecs((codecs) -> codecs.defaultCodecs().enableLoggingRequestDetails(false))
			.filter(filter);
	}

}
