package io.github.easemobtoken.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import io.github.easemobtoken.web.EasemobTokenExchangeFilterFunction;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of the Easemob {@link WebClient}s: the bean
 * {@code easemobTokenExchangeFilterFunction} and {@code easemobWebClient} of the app
 * {@code default}, built from Spring Boot's {@link WebClient.Builder} with the base URL
 * {@code {host}/{org}/{app}}, the filter, the timeouts and (with Reactor Netty) a
 * connection pool of its own; and one such client for each named app.
 *
 * @author easemob-token
 */
@AutoConfiguration(after = EasemobTokenAutoConfiguration.class,
		afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
				"org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration" })
@ConditionalOnClass(WebClient.class)
@ConditionalOnBean({ EasemobAppsSettings.class, EasemobProperties.class })
public final class EasemobWebClientAutoConfiguration {

	static final String REACTOR_NETTY = "reactor.netty.resources.ConnectionProvider";

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(EasemobTokenProvider.class)
	EasemobTokenExchangeFilterFunction easemobTokenExchangeFilterFunction(EasemobTokenProvider easemobTokenProvider) {
		return new EasemobTokenExchangeFilterFunction(easemobTokenProvider);
	}

	@Bean
	@ConditionalOnMissingBean(name = "easemobWebClient")
	@ConditionalOnBean({ EasemobTokenProvider.class, EasemobTokenExchangeFilterFunction.class })
	WebClient easemobWebClient(ObjectProvider<WebClient.Builder> webClientBuilder,
			EasemobTokenExchangeFilterFunction easemobTokenExchangeFilterFunction,
			EasemobAppsSettings easemobAppsSettings, ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			BeanFactory beanFactory, ObjectProvider<EasemobConnectionPool> pool,
			EasemobThreads easemobThreads, ResourceLoader resourceLoader) {
		return EasemobWebClients.webClient(easemobAppsSettings.requireDefaultApp("easemobWebClient"), webClientBuilder.getIfAvailable(WebClient::builder),
				easemobTokenExchangeFilterFunction,
				connectorBuilder.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader())),
				HttpClientDefaults.of(beanFactory), pool.getIfAvailable(), easemobThreads);
	}

	/** The WebClients of the named apps, each with its own filter and connection pool. */
	@Bean
	@ConditionalOnBean(name = "easemobNamedTokenProviders")
	EasemobAppBeans<WebClient> easemobNamedWebClients(EasemobAppsSettings easemobAppsSettings,
			EasemobAppBeans<CachingEasemobTokenProvider> easemobNamedTokenProviders,
			ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			BeanFactory beanFactory, EasemobThreads easemobThreads,
			ResourceLoader resourceLoader) {
		ClientHttpConnectorBuilder<?> connectors = connectorBuilder
			.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader()));
		HttpClientDefaults settings = HttpClientDefaults.of(beanFactory);
		boolean reactorNetty = ClassUtils.isPresent(REACTOR_NETTY, resourceLoader.getClassLoader());
		Map<String, WebClient> clients = new LinkedHashMap<>();
		List<EasemobConnectionPool> pools = new ArrayList<>();
		for (EasemobAppSettings app : easemobAppsSettings.named()) {
			EasemobTokenExchangeFilterFunction filter = new EasemobTokenExchangeFilterFunction(
					easemobNamedTokenProviders.asMap().get(app.name()));
			EasemobConnectionPool pool = reactorNetty ? new EasemobConnectionPool(app) : null;
			if (pool != null) {
				pools.add(pool);
			}
			clients.put(app.name(), EasemobWebClients.webClient(app, webClientBuilder.getIfAvailable(WebClient::builder),
					filter, connectors, settings, pool, easemobThreads));
		}
		return new EasemobAppBeans<>(clients, pools);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = REACTOR_NETTY)
	static class ReactorNettyConnectionPoolConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@Conditional(EasemobAppsConfigured.DefaultApp.class)
		EasemobConnectionPool easemobConnectionPool(EasemobAppsSettings easemobAppsSettings) {
			return new EasemobConnectionPool(easemobAppsSettings.requireDefaultApp("easemobConnectionPool"));
		}

	}

}
