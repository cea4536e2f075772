package io.github.easemobtoken.autoconfigure;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;

import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.autoconfigure.InvalidEasemobPropertiesException.Violation;
import io.github.easemobtoken.store.InMemoryTokenStore;
import io.github.easemobtoken.store.TokenStore;
import io.github.easemobtoken.store.redis.RedisTokenStore;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import io.github.easemobtoken.token.EasemobTokenEndpoint;
import io.github.easemobtoken.token.TokenLifecycleListener;
import io.github.easemobtoken.token.TokenPolicy;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.io.ResourceLoader;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of the Easemob app token: the {@link TokenStore} (in memory, or in
 * Redis with {@code easemob.token.store=redis}) and the {@link EasemobTokenProvider} bean
 * {@code easemobTokenProvider}.
 *
 * @author easemob-token
 */
@AutoConfiguration(after = ReactiveHttpClientAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration")
@ConditionalOnClass({ WebClient.class, Mono.class })
@Conditional(OnEasemobEnabledCondition.class)
@EnableConfigurationProperties(EasemobProperties.class)
public final class EasemobTokenAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TokenStore easemobTokenStore() {
		return new InMemoryTokenStore();
	}

	@Bean
	@ConditionalOnMissingBean(EasemobTokenProvider.class)
	CachingEasemobTokenProvider easemobTokenProvider(EasemobProperties properties, TokenStore easemobTokenStore,
			ObjectProvider<TokenLifecycleListener> listeners, ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings,
			ObjectProvider<EasemobTokenProviderBuilderCustomizer> customizers, ResourceLoader resourceLoader) {
		EasemobPropertiesValidator.Validated validated = EasemobPropertiesValidator.all(properties,
				resourceLoader.getClassLoader());
		WebClient tokenClient = WebClient.builder()
			.clientConnector(EasemobHttpConnectors.forTokenEndpoint(
					HeaderSafeHttpClients.reactive(connectorBuilder
						.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader())),
							"The Easemob token request"),
					httpClientSettings.getIfAvailable(HttpClientSettings::defaults), properties))
			.build();
		EasemobTokenEndpoint endpoint = new EasemobTokenEndpoint(tokenClient, validated.app(), validated.credentials(),
				properties.getTtl(), properties.getTtlUnit(), properties.getResponseTimeout(), InstantSource.system());
		EasemobProperties.Token token = properties.getToken();
		TokenPolicy policy = new TokenPolicy(token.getRefreshBeforeExpiry(), token.getMinRequestInterval(),
				token.getMaxBackoff());
		if (token.getStore() == EasemobProperties.Store.REDIS) {
			// Instances that share a token must not all become due at one instant.
			policy = policy.withRefreshSpread(0.5);
		}
		CachingEasemobTokenProvider.Builder builder = CachingEasemobTokenProvider.builder(endpoint)
			.store(easemobTokenStore)
			.policy(policy)
			.listener(TokenLifecycleListener.of(listeners.orderedStream().toList()))
			.storeTimeout(token.getStoreTimeout());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	/** Registered before the in-memory store, which then backs off. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = EasemobPropertiesValidator.REDIS_TEMPLATE)
	@Conditional(OnRedisTokenStoreCondition.class)
	static class RedisTokenStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(TokenStore.class)
		RedisTokenStore easemobRedisTokenStore(ObjectProvider<ReactiveStringRedisTemplate> redis,
				EasemobProperties properties, ResourceLoader resourceLoader) {
			ReactiveStringRedisTemplate template = redis.getIfUnique();
			if (template == null) {
				throw new InvalidEasemobPropertiesException(List.of(new Violation("easemob.token.store",
						"'redis' needs one ReactiveStringRedisTemplate bean, and there is none or more than one: "
								+ "configure spring.data.redis.* (Spring Boot then defines it), or set 'memory'")));
			}
			EasemobPropertiesValidator.Validated validated = EasemobPropertiesValidator.all(properties,
					resourceLoader.getClassLoader());
			Duration lease = properties.getResponseTimeout().plus(properties.getToken().getStoreTimeout().multipliedBy(2));
			return new RedisTokenStore(template, validated.app(), validated.credentials(), lease);
		}

	}

	/**
	 * Stops background refreshes as soon as this context starts closing: Spring stops the
	 * shared HTTP resources before it destroys beans, and a refresh in between would fail
	 * and log for nothing. The cached token is still served while the context closes.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "easemobTokenProviderShutdown")
	ApplicationListener<ContextClosedEvent> easemobTokenProviderShutdown(ApplicationContext applicationContext,
			ObjectProvider<CachingEasemobTokenProvider> easemobTokenProvider) {
		return (event) -> {
			if (event.getApplicationContext() == applicationContext) {
				easemobTokenProvider.ifAvailable(CachingEasemobTokenProvider::close);
			}
		};
	}

}
