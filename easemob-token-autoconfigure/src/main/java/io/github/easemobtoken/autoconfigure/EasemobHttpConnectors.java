package io.github.easemobtoken.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * Builds connectors with Boot's {@link ClientHttpConnectorBuilder}, so that the
 * application's choice of HTTP client, SSL bundles and global settings apply; only the
 * timeouts, redirects and (for Reactor Netty) connection handling are our own.
 *
 * @author easemob-token
 */
final class EasemobHttpConnectors {

	private EasemobHttpConnectors() {
	}

	/**
	 * A connector for the token endpoint. It does not follow redirects, so the client
	 * secret is only ever sent to the configured host, and, with Reactor Netty, opens a
	 * new connection per request: token requests are hours apart, and a pooled
	 * connection that idle would long be closed by the server.
	 */
	static ClientHttpConnector forTokenEndpoint(ClientHttpConnectorBuilder<?> builder, HttpClientDefaults defaults,
			EasemobAppSettings app) {
		ClientHttpConnectorBuilder<?> chosen = (builder instanceof ReactorClientHttpConnectorBuilder reactor)
				? ReactorNetty.newConnectionPerRequest(reactor) : builder;
		return defaults.connector(chosen, app.connectTimeout(), app.responseTimeout(), HttpRedirects.DONT_FOLLOW);
	}

	/**
	 * A connector for the Easemob API. With Reactor Netty it uses the app's own pool of
	 * {@code easemob.max-connections}; other HTTP clients keep their own pooling.
	 */
	static ClientHttpConnector forApi(ClientHttpConnectorBuilder<?> builder, HttpClientDefaults defaults,
			EasemobAppSettings app, @Nullable EasemobConnectionPool pool) {
		ClientHttpConnectorBuilder<?> chosen = (builder instanceof ReactorClientHttpConnectorBuilder reactor
				&& pool != null) ? ReactorNetty.pooled(reactor, pool) : builder;
		return defaults.connector(chosen, app.connectTimeout(), app.responseTimeout(), null);
	}

	/** Kept apart so that Reactor Netty classes load only when Reactor Netty is used. */
	private static final class ReactorNetty {

		static ReactorClientHttpConnectorBuilder newConnectionPerRequest(ReactorClientHttpConnectorBuilder builder) {
			return builder.withHttpClientFactory(reactor.netty.http.client.HttpClient::newConnection);
		}

		static ReactorClientHttpConnectorBuilder pooled(ReactorClientHttpConnectorBuilder builder,
				EasemobConnectionPool pool) {
			return builder.withHttpClientFactory(
					() -> reactor.netty.http.client.HttpClient.create(pool.connectionProvider()));
		}

	}

}
