package io.github.easemobtoken.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.store.InMemoryTokenStore;
import io.github.easemobtoken.store.TokenStore;
import io.github.easemobtoken.store.redis.RedisTokenStore;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import io.github.easemobtoken.token.TokenLifecycleListener;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.io.ResourceLoader;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Auto-configuration of the Easemob app tokens: the configuration resolved once
 * ({@link EasemobAppsSettings}), the {@link TokenStore} and {@link EasemobTokenProvider}
 * bean {@code easemobTokenProvider} of the app {@code default}, and a provider for each
 * named app of {@code easemob.apps}.
 *
 * @author easemob-token
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration",
		"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
		// the same, on Spring Boot 3
		"org.springframework.boot.autoconfigure.http.client.reactive.ClientHttpConnectorAutoConfiguration",
		"org.springframework.boot.autoconfigure.data.redis.RedisReactiveAutoConfiguration" })
@ConditionalOnClass({ ClientHttpConnectorBuilder.class, Mono.class })
@Conditional(OnEasemobEnabledCondition.class)
@EnableConfigurationProperties(EasemobProperties.class)
public final class EasemobTokenAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EasemobAppsSettings easemobAppsSettings(EasemobProperties properties, ResourceLoader resourceLoader) {
		return EasemobPropertiesValidator.resolve(properties, resourceLoader.getClassLoader());
	}

	@Bean
	@ConditionalOnMissingBean
	EasemobThreads easemobThreads() {
		return new EasemobThreads();
	}

	@Bean
	@ConditionalOnMissingBean
	TokenStore easemobTokenStore() {
		return new InMemoryTokenStore();
	}

	@Bean
	@ConditionalOnMissingBean(EasemobTokenProvider.class)
	@Conditional(EasemobAppsConfigured.DefaultApp.class)
	CachingEasemobTokenProvider easemobTokenProvider(EasemobAppsSettings easemobAppsSettings,
			TokenStore easemobTokenStore, ObjectProvider<TokenLifecycleListener> listeners,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			BeanFactory beanFactory,
			ObjectProvider<EasemobTokenProviderBuilderCustomizer> customizers,
			ObjectProvider<ObservationRegistry> observationRegistry, EasemobThreads easemobThreads,
			ResourceLoader resourceLoader) {
		easemobAppsSettings.requireProviders(true);
		return EasemobTokenProviders.create(easemobAppsSettings.requireDefaultApp("easemobTokenProvider"), easemobTokenStore,
				TokenLifecycleListener.of(listeners.orderedStream().toList()),
				connectorBuilder.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader())),
				HttpClientDefaults.of(beanFactory),
				observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP), easemobThreads,
				customizers.orderedStream());
	}

	/**
	 * The providers of the named apps, each with its own store entry and its own meters;
	 * closed with the context.
	 */
	@Bean
	@Conditional(EasemobAppsConfigured.NamedApps.class)
	EasemobAppBeans<CachingEasemobTokenProvider> easemobNamedTokenProviders(EasemobAppsSettings easemobAppsSettings,
			ObjectProvider<RedisTokenStoreFactory> redisStores, ObjectProvider<EasemobAppListenerFactory> listeners,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			BeanFactory beanFactory,
			ObjectProvider<EasemobTokenProviderBuilderCustomizer> customizers,
			ObjectProvider<ObservationRegistry> observationRegistry, EasemobThreads easemobThreads,
			ResourceLoader resourceLoader) {
		easemobAppsSettings.requireProviders(false);
		ClientHttpConnectorBuilder<?> connectors = connectorBuilder
			.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader()));
		HttpClientDefaults settings = HttpClientDefaults.of(beanFactory);
		Map<String, CachingEasemobTokenProvider> providers = new LinkedHashMap<>();
		for (EasemobAppSettings app : easemobAppsSettings.named()) {
			TokenStore store = (app.store() == EasemobProperties.Store.REDIS)
					? redisStores.getIfAvailable(() -> new RedisTokenStoreFactory(null, easemobThreads)).create(app)
					: new InMemoryTokenStore();
			CachingEasemobTokenProvider[] provider = new CachingEasemobTokenProvider[1];
			EasemobAppListenerFactory factory = listeners.getIfAvailable();
			TokenLifecycleListener listener = (factory != null)
					? factory.listenerFor(app.app().appKey(), () -> provider[0].status()) : TokenLifecycleListener.NONE;
			provider[0] = EasemobTokenProviders.create(app, store, listener, connectors, settings,
					observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP), easemobThreads,
					customizers.orderedStream());
			providers.put(app.name(), provider[0]);
		}
		return new EasemobAppBeans<>(providers);
	}

	/** Registered before the in-memory store, which then backs off. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = EasemobPropertiesValidator.REDIS_TEMPLATE)
	static class RedisTokenStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RedisTokenStoreFactory easemobRedisTokenStoreFactory(ObjectProvider<ReactiveStringRedisTemplate> redis,
				EasemobThreads easemobThreads) {
			return new RedisTokenStoreFactory(redis.getIfUnique(), easemobThreads);
		}

		@Bean
		@ConditionalOnMissingBean(TokenStore.class)
		@Conditional({ OnRedisTokenStoreCondition.class, EasemobAppsConfigured.DefaultApp.class })
		RedisTokenStore easemobRedisTokenStore(RedisTokenStoreFactory easemobRedisTokenStoreFactory,
				EasemobAppsSettings easemobAppsSettings) {
			easemobAppsSettings.requireProviders(true);
			return easemobRedisTokenStoreFactory.create(easemobAppsSettings.requireDefaultApp("easemobRedisTokenStore"));
		}

	}

	/**
	 * Stops background refreshes as soon as this context starts closing: Spring stops the
	 * shared HTTP resources before it destroys beans, and a refresh in between would fail
	 * and log for nothing. The cached tokens are still served while the context closes.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "easemobTokenProviderShutdown")
	ApplicationListener<ContextClosedEvent> easemobTokenProviderShutdown(ApplicationContext applicationContext,
			ObjectProvider<CachingEasemobTokenProvider> easemobTokenProvider,
			ObjectProvider<EasemobAppBeans<CachingEasemobTokenProvider>> easemobNamedTokenProviders) {
		return (event) -> {
			if (event.getApplicationContext() == applicationContext) {
				easemobTokenProvider.ifAvailable(CachingEasemobTokenProvider::close);
				easemobNamedTokenProviders.ifAvailable(EasemobAppBeans::destroy);
			}
		};
	}

}
