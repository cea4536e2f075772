package io.github.easemobtoken.autoconfigure;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import org.jspecify.annotations.Nullable;

/**
 * A JDK {@code HttpClient} that can be let go of on JDK 17 too. The JDK's client keeps its
 * selector thread while the client is reachable, and on JDK 17 has no {@code close()}; a
 * pooled connection even keeps a request, and so the client, reachable from that thread.
 * Every Spring request and connector holds this wrapper instead: {@link #release()} drops
 * the one reference to the real client, which then ends its thread once it is collected;
 * on JDK 21 and later it is also shut down at once.
 *
 * @author easemob-token
 */
final class ClosableHttpClient extends java.net.http.HttpClient {

	private volatile java.net.http.@Nullable HttpClient delegate;

	ClosableHttpClient(java.net.http.HttpClient delegate) {
		this.delegate = delegate;
	}

	/** Shut the client down where the JDK can (21 and later), and let go of it. */
	void release() {
		java.net.http.HttpClient client = this.delegate;
		this.delegate = null;
		if (client != null) {
			try {
				java.net.http.HttpClient.class.getMethod("shutdownNow").invoke(client);
			}
			catch (ReflectiveOperationException ex) {
				// JDK 17: no shutdown; the client is unreachable now, and its thread ends when it is collected
			}
		}
	}

	private java.net.http.HttpClient client() {
		java.net.http.HttpClient client = this.delegate;
		if (client == null) {
			throw new IllegalStateException("The Easemob HTTP client was closed with its application context");
		}
		return client;
	}

	@Override
	public Optional<CookieHandler> cookieHandler() {
		return client().cookieHandler();
	}

	@Override
	public Optional<Duration> connectTimeout() {
		return client().connectTimeout();
	}

	@Override
	public Redirect followRedirects() {
		return client().followRedirects();
	}

	@Override
	public Optional<ProxySelector> proxy() {
		return client().proxy();
	}

	@Override
	public SSLContext sslContext() {
		return client().sslContext();
	}

	@Override
	public SSLParameters sslParameters() {
		return client().sslParameters();
	}

	@Override
	public Optional<Authenticator> authenticator() {
		return client().authenticator();
	}

	@Override
	public Version version() {
		return client().version();
	}

	@Override
	public Optional<Executor> executor() {
		return client().executor();
	}

	@Override
	public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> responseBodyHandler)
			throws IOException, InterruptedException {
		return client().send(request, responseBodyHandler);
	}

	@Override
	public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
			HttpResponse.BodyHandler<T> responseBodyHandler) {
		return client().sendAsync(request, responseBodyHandler);
	}

	@Override
	public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
			HttpResponse.BodyHandler<T> responseBodyHandler,
			HttpResponse.@Nullable PushPromiseHandler<T> pushPromiseHandler) {
		return client().sendAsync(request, responseBodyHandler, pushPromiseHandler);
	}

	@Override
	public String toString() {
		return "ClosableHttpClient[" + ((this.delegate != null) ? "open" : "released") + "]";
	}

}
