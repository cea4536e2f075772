package io.github.easemobtoken.autoconfigure;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.JdkHttpClientBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * The application's HTTP client settings (SSL bundle, redirects, timeouts), and Boot's HTTP
 * clients built with them and an app's own timeouts: the one place where the HTTP client APIs
 * of the two Spring Boot lines differ. This is the Spring Boot 4 line's: one
 * {@link HttpClientSettings} bean ({@code spring.http.clients.*}) for both stacks. The Spring
 * Boot 3 line's module has a class of the same name and methods.
 *
 * @author easemob-token
 */
final class HttpClientDefaults {

	private final HttpClientSettings settings;

	private HttpClientDefaults(HttpClientSettings settings) {
		this.settings = settings;
	}

	static HttpClientDefaults of(BeanFactory beans) {
		return new HttpClientDefaults(
				beans.getBeanProvider(HttpClientSettings.class).getIfAvailable(HttpClientSettings::defaults));
	}

	<C extends ClientHttpConnector> C connector(ClientHttpConnectorBuilder<C> builder, Duration connectTimeout,
			Duration readTimeout, @Nullable HttpRedirects redirects) {
		HttpClientSettings ours = HttpClientSettings.defaults().withTimeouts(connectTimeout, readTimeout);
		return builder.build(((redirects != null) ? ours.withRedirects(redirects) : ours).orElse(this.settings));
	}

	<F extends ClientHttpRequestFactory> F requestFactory(ClientHttpRequestFactoryBuilder<F> builder,
			Duration connectTimeout, Duration readTimeout) {
		return builder.build(HttpClientSettings.defaults().withTimeouts(connectTimeout, readTimeout).orElse(this.settings));
	}

	/** A JDK client on the given executor; the read timeout is left to the connector or factory. */
	static HttpClient jdkHttpClient(HttpClientSettings settings, Executor executor) {
		return new JdkHttpClientBuilder().withExecutor(executor).build(settings.withReadTimeout(null));
	}

}
