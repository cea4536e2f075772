package io.github.easemobtoken.autoconfigure;

import java.time.InstantSource;
import java.util.function.Supplier;

import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.EasemobUserTokens;
import io.github.easemobtoken.user.DefaultEasemobUserTokens;
import io.github.easemobtoken.user.DynamicUserTokenSigner;
import io.github.easemobtoken.user.LocalUserTokenLimiter;
import io.github.easemobtoken.user.UserTokenEndpoint;
import io.github.easemobtoken.user.UserTokenLimiter;
import io.github.easemobtoken.user.UserTokenListener;
import io.github.easemobtoken.user.UserTokenSettings;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * Builds one app's user tokens from its settings and its app-token provider: the one
 * assembly for the app {@code default} and every named app. The requests go on a connector
 * like the app token's (no redirects, a new connection each, and never an HTTP client that
 * logs headers); the limit is the fleet's through Redis with {@code token.store=redis}, else
 * this instance's.
 *
 * @author easemob-token
 */
final class EasemobUserTokenFactory {

	private final ClientHttpConnectorBuilder<?> connectorBuilder;

	private final HttpClientDefaults httpClientDefaults;

	private final EasemobThreads threads;

	private final ObservationRegistry observations;

	private final @Nullable EasemobUserTokenListenerFactory listeners;

	private final Supplier<RedisTokenStoreFactory> redis;

	EasemobUserTokenFactory(ClientHttpConnectorBuilder<?> connectorBuilder, HttpClientDefaults httpClientDefaults,
			EasemobThreads threads, ObservationRegistry observations,
			@Nullable EasemobUserTokenListenerFactory listeners, Supplier<RedisTokenStoreFactory> redis) {
		this.connectorBuilder = connectorBuilder;
		this.httpClientDefaults = httpClientDefaults;
		this.threads = threads;
		this.observations = observations;
		this.listeners = listeners;
		this.redis = redis;
	}

	EasemobUserTokens create(EasemobAppSettings app, EasemobTokenProvider appTokens) {
		UserTokenSettings settings = app.userTokens();
		String appKey = app.app().appKey();
		UserTokenListener listener = (this.listeners != null) ? this.listeners.listenerFor(appKey)
				: UserTokenListener.NONE;
		ClientHttpConnector connector = EasemobHttpConnectors.forTokenEndpoint(
				HeaderSafeHttpClients.reactive(this.connectorBuilder, "The Easemob user-token request", this.threads),
				this.httpClientDefaults, app);
		UserTokenEndpoint endpoint = new UserTokenEndpoint(connector, app.app(), appTokens, settings,
				limiter(app, settings, listener), this.threads.scheduler(), InstantSource.system());
		return new DefaultEasemobUserTokens(appKey, endpoint,
				new DynamicUserTokenSigner(app.app(), app.requireCredentials(), InstantSource.system()),
				settings.dynamicTtl(), listener, this.observations, this.threads.scheduler());
	}

	private UserTokenLimiter limiter(EasemobAppSettings app, UserTokenSettings settings, UserTokenListener listener) {
		LocalUserTokenLimiter local = new LocalUserTokenLimiter(settings.maxRequestsPerSecond(),
				settings.responseTimeout(), this.threads.scheduler());
		return (app.store() == EasemobProperties.Store.REDIS)
				? this.redis.get().userTokenLimiter(app, local, listener::limiterFellBack) : local;
	}

}
