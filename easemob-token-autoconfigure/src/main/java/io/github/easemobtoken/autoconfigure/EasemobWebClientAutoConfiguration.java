package io.github.easemobtoken.autoconfigure;

import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.web.EasemobTokenExchangeFilterFunction;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of the Easemob {@code WebClient}: the bean
 * {@code easemobTokenExchangeFilterFunction}, and {@code easemobWebClient}, built from
 * Spring Boot's {@link WebClient.Builder} (so its observations and
 * {@code http.client.requests} metrics apply) with the base URL
 * {@code {host}/{org}/{app}}, the filter, the timeouts and a connection pool of its own.
 *
 * @author easemob-token
 */
@AutoConfiguration(after = { EasemobTokenAutoConfiguration.class, WebClientAutoConfiguration.class })
@ConditionalOnClass(WebClient.class)
@ConditionalOnBean({ EasemobTokenProvider.class, EasemobProperties.class })
public final class EasemobWebClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EasemobTokenExchangeFilterFunction easemobTokenExchangeFilterFunction(EasemobTokenProvider easemobTokenProvider) {
		return new EasemobTokenExchangeFilterFunction(easemobTokenProvider);
	}

	@Bean
	@ConditionalOnMissingBean(name = "easemobWebClient")
	WebClient easemobWebClient(ObjectProvider<WebClient.Builder> webClientBuilder,
			EasemobTokenExchangeFilterFunction easemobTokenExchangeFilterFunction, EasemobProperties properties,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, ObjectProvider<EasemobConnectionPool> pool,
			ResourceLoader resourceLoader) {
		return webClientBuilder.getIfAvailable(WebClient::builder)
			.baseUrl(EasemobPropertiesValidator.app(properties).baseUri().toString())
			.clientConnector(EasemobHttpConnectors.forApi(
					HeaderSafeHttpClients.reactive(connectorBuilder
						.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader())),
							"easemobWebClient"),
					httpClientSettings.getIfAvailable(HttpClientSettings::defaults), properties, pool.getIfAvailable()))
			// spring.http.codecs.log-request-details would have ExchangeFunctions log the Authorization header.
			.codecs((codecs) -> codecs.defaultCodecs().enableLoggingRequestDetails(false))
			.filter(easemobTokenExchangeFilterFunction)
			.build();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "reactor.netty.resources.ConnectionProvider")
	static class ReactorNettyConnectionPoolConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EasemobConnectionPool easemobConnectionPool(EasemobProperties properties) {
			return new EasemobConnectionPool(properties);
		}

	}

}
