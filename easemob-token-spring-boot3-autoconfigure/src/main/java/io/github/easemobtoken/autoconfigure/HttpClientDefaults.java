package io.github.easemobtoken.autoconfigure;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.JdkHttpClientBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorSettings;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * The application's HTTP client settings (SSL bundle, redirects, timeouts), and Boot's HTTP
 * clients built with them and an app's own timeouts: the one place where the HTTP client APIs
 * of the two Spring Boot lines differ. This is the Spring Boot 3.5 line's: a
 * {@link ClientHttpConnectorSettings} bean ({@code spring.http.reactiveclient.*}) for the
 * connectors, a {@link ClientHttpRequestFactorySettings} bean ({@code spring.http.client.*})
 * for the request factories. The Spring Boot 4 line's module has a class of the same name
 * and methods.
 *
 * @author easemob-token
 */
final class HttpClientDefaults {

	private final ClientHttpConnectorSettings connectors;

	private final ClientHttpRequestFactorySettings requestFactories;

	private HttpClientDefaults(ClientHttpConnectorSettings connectors,
			ClientHttpRequestFactorySettings requestFactories) {
		this.connectors = connectors;
		this.requestFactories = requestFactories;
	}

	static HttpClientDefaults of(BeanFactory beans) {
		return new HttpClientDefaults(
				beans.getBeanProvider(ClientHttpConnectorSettings.class)
					.getIfAvailable(ClientHttpConnectorSettings::defaults),
				beans.getBeanProvider(ClientHttpRequestFactorySettings.class)
					.getIfAvailable(ClientHttpRequestFactorySettings::defaults));
	}

	<C extends ClientHttpConnector> C connector(ClientHttpConnectorBuilder<C> builder, Duration connectTimeout,
			Duration readTimeout, @Nullable HttpRedirects redirects) {
		ClientHttpConnectorSettings ours = this.connectors.withTimeouts(connectTimeout, readTimeout);
		return builder.build((redirects != null) ? ours.withRedirects(redirects) : ours);
	}

	<F extends ClientHttpRequestFactory> F requestFactory(ClientHttpRequestFactoryBuilder<F> builder,
			Duration connectTimeout, Duration readTimeout) {
		return builder.build(this.requestFactories.withTimeouts(connectTimeout, readTimeout));
	}

	/** A JDK client on the given executor; the read timeout is left to the connector. */
	static HttpClient jdkHttpClient(ClientHttpConnectorSettings settings, Executor executor) {
		return jdkHttpClient(settings.redirects(), settings.connectTimeout(), settings.sslBundle(), executor);
	}

	/** A JDK client on the given executor; the read timeout is left to the request factory. */
	static HttpClient jdkHttpClient(ClientHttpRequestFactorySettings settings, Executor executor) {
		HttpRedirects redirects = (settings.redirects() != null) ? HttpRedirects.valueOf(settings.redirects().name())
				: null;
		return jdkHttpClient(redirects, settings.connectTimeout(), settings.sslBundle(), executor);
	}

	private static HttpClient jdkHttpClient(@Nullable HttpRedirects redirects, @Nullable Duration connectTimeout,
			@Nullable SslBundle sslBundle, Executor executor) {
		return new JdkHttpClientBuilder().withCustomizer((builder) -> builder.executor(executor))
			.build(new HttpClientSettings(redirects, connectTimeout, null, sslBundle));
	}

}
