package io.github.easemobtoken.autoconfigure;

import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.web.EasemobTokenClientHttpRequestInterceptor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.client.RestClient;

/**
 * Auto-configuration for servlet (blocking) applications: the bean
 * {@code easemobTokenClientHttpRequestInterceptor}, for any {@code RestClient} or
 * {@code RestTemplate}, and {@code easemobRestClient}, built from Spring Boot's
 * {@link RestClient.Builder} (so its observations and {@code http.client.requests} metrics
 * apply) with the base URL {@code {host}/{org}/{app}}, the interceptor and the timeouts.
 * <p>
 * It needs {@code spring-boot-restclient} (Boot's {@code RestClient.Builder}), and backs off
 * in WebFlux applications: a WebFlux application gets no RestClient beans, a servlet or
 * non-web application gets them next to {@code easemobWebClient}.
 *
 * @author easemob-token
 */
@AutoConfiguration(after = EasemobTokenAutoConfiguration.class,
		afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnClass({ RestClient.class, ClientHttpRequestFactoryBuilder.class })
@Conditional(NotReactiveWebApplicationCondition.class)
@ConditionalOnBean({ EasemobTokenProvider.class, EasemobProperties.class, RestClient.Builder.class })
public final class EasemobRestClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EasemobTokenClientHttpRequestInterceptor easemobTokenClientHttpRequestInterceptor(
			EasemobTokenProvider easemobTokenProvider, EasemobProperties properties) {
		return new EasemobTokenClientHttpRequestInterceptor(easemobTokenProvider, properties.getResponseTimeout());
	}

	@Bean
	@ConditionalOnMissingBean(name = "easemobRestClient")
	RestClient easemobRestClient(ObjectProvider<RestClient.Builder> restClientBuilder,
			EasemobTokenClientHttpRequestInterceptor easemobTokenClientHttpRequestInterceptor,
			EasemobProperties properties, ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, ResourceLoader resourceLoader) {
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withTimeouts(properties.getConnectTimeout(), properties.getResponseTimeout())
			.orElse(httpClientSettings.getIfAvailable(HttpClientSettings::defaults));
		ClientHttpRequestFactoryBuilder<?> factoryBuilder = HeaderSafeHttpClients.imperative(requestFactoryBuilder
			.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(resourceLoader.getClassLoader())),
				"easemobRestClient");
		return restClientBuilder.getObject()
			.baseUrl(EasemobPropertiesValidator.app(properties).baseUri().toString())
			.requestFactory(factoryBuilder.build(settings))
			.requestInterceptor(easemobTokenClientHttpRequestInterceptor)
			.build();
	}

}
