package io.github.easemobtoken.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.easemobtoken.EasemobUserTokens;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration of the user tokens: the bean {@code easemobUserTokens} of the app
 * {@code default}, on its token provider, and those of the named apps (through
 * {@code easemobApps.userTokens(name)}). Each app's user-token requests are limited to
 * {@code easemob.user-token.max-requests-per-second}, for the fleet with
 * {@code easemob.token.store=redis}.
 *
 * @author easemob-token
 */
@AutoConfiguration(after = { EasemobTokenAutoConfiguration.class, EasemobTokenMetricsAutoConfiguration.class })
@ConditionalOnBean(EasemobAppsSettings.class)
public final class EasemobUserTokensAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "easemobUserTokens")
	@ConditionalOnBean(CachingEasemobTokenProvider.class)
	EasemobUserTokens easemobUserTokens(EasemobAppsSettings easemobAppsSettings,
			CachingEasemobTokenProvider easemobTokenProvider, ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<EasemobUserTokenListenerFactory> listeners,
			ObjectProvider<RedisTokenStoreFactory> redisStores, ObjectProvider<ObservationRegistry> observationRegistry,
			EasemobThreads easemobThreads, BeanFactory beanFactory, ResourceLoader resourceLoader) {
		return factory(connectorBuilder, listeners, redisStores, observationRegistry, easemobThreads, beanFactory,
				resourceLoader)
			.create(easemobAppsSettings.requireDefaultApp("easemobUserTokens"), easemobTokenProvider);
	}

	/** The user tokens of the named apps, each on its own app's token provider. */
	@Bean
	@ConditionalOnBean(name = "easemobNamedTokenProviders")
	EasemobAppBeans<EasemobUserTokens> easemobNamedUserTokens(EasemobAppsSettings easemobAppsSettings,
			EasemobAppBeans<CachingEasemobTokenProvider> easemobNamedTokenProviders,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<EasemobUserTokenListenerFactory> listeners,
			ObjectProvider<RedisTokenStoreFactory> redisStores, ObjectProvider<ObservationRegistry> observationRegistry,
			EasemobThreads easemobThreads, BeanFactory beanFactory, ResourceLoader resourceLoader) {
		EasemobUserTokenFactory factory = factory(connectorBuilder, listeners, redisStores, observationRegistry,
				easemobThreads, beanFactory, resourceLoader);
		Map<String, EasemobUserTokens> userTokens = new LinkedHashMap<>();
		for (EasemobAppSettings app : easemobAppsSettings.named()) {
			userTokens.put(app.name(), factory.create(app, easemobNamedTokenProviders.asMap().get(app.name())));
		}
		return new EasemobAppBeans<>(userTokens);
	}

	private static EasemobUserTokenFactory factory(ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<EasemobUserTokenListenerFactory> listeners, ObjectProvider<RedisTokenStoreFactory> redisStores,
			ObjectProvider<ObservationRegistry> observationRegistry, EasemobThreads threads, BeanFactory beanFactory,
			ResourceLoader resourceLoader) {
		return new EasemobUserTokenFactory(
				connectorBuilder.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader())),
				HttpClientDefaults.of(beanFactory), threads,
				observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP), listeners.getIfAvailable(),
				() -> redisStores.getIfAvailable(() -> new RedisTokenStoreFactory(null, threads)));
	}

}
