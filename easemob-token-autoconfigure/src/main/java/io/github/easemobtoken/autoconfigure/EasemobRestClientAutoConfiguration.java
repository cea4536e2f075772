package io.github.easemobtoken.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import io.github.easemobtoken.web.EasemobTokenClientHttpRequestInterceptor;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
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
 * It needs Boot's {@code RestClient.Builder} ({@code spring-boot-restclient} on Spring Boot 4), and backs off
 * in WebFlux applications: a WebFlux application gets no RestClient beans, a servlet or
 * non-web application gets them next to {@code easemobWebClient}.
 *
 * @author easemob-token
 */
@AutoConfiguration(after = EasemobTokenAutoConfiguration.class,
		afterName = { "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
				"org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration" })
@ConditionalOnClass({ RestClient.class, ClientHttpRequestFactoryBuilder.class })
@Conditional(NotReactiveWebApplicationCondition.class)
@ConditionalOnBean({ EasemobAppsSettings.class, EasemobProperties.class, RestClient.Builder.class })
public final class EasemobRestClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(EasemobTokenProvider.class)
	EasemobTokenClientHttpRequestInterceptor easemobTokenClientHttpRequestInterceptor(
			EasemobTokenProvider easemobTokenProvider, EasemobAppsSettings easemobAppsSettings,
			EasemobProperties properties, EasemobThreads easemobThreads) {
		EasemobAppSettings app = easemobAppsSettings.defaultApp();
		if (app != null) {
			return new EasemobTokenClientHttpRequestInterceptor(easemobTokenProvider, app.responseTimeout(), app.keys(),
					easemobThreads.scheduler());
		}
		// A provider of the user's own, next to named apps only, has no checked settings: the raw values of 'default'.
		AppValues values = EasemobPropertiesValidator.defaultAppValues(properties);
		return new EasemobTokenClientHttpRequestInterceptor(easemobTokenProvider, values.responseTimeout(),
				values.keys(), easemobThreads.scheduler());
	}

	@Bean
	@ConditionalOnMissingBean(name = "easemobRestClient")
	@ConditionalOnBean(EasemobTokenClientHttpRequestInterceptor.class)
	RestClient easemobRestClient(ObjectProvider<RestClient.Builder> restClientBuilder,
			EasemobTokenClientHttpRequestInterceptor easemobTokenClientHttpRequestInterceptor,
			EasemobAppsSettings easemobAppsSettings,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			BeanFactory beanFactory, EasemobThreads easemobThreads,
			ResourceLoader resourceLoader) {
		return restClient(easemobAppsSettings.requireDefaultApp("easemobRestClient"), restClientBuilder.getObject(),
				easemobTokenClientHttpRequestInterceptor, requestFactoryBuilder, beanFactory, easemobThreads,
				resourceLoader);
	}

	/** The RestClients of the named apps, each with its own interceptor. */
	@Bean
	@ConditionalOnBean(name = "easemobNamedTokenProviders")
	EasemobAppBeans<RestClient> easemobNamedRestClients(EasemobAppsSettings easemobAppsSettings,
			EasemobAppBeans<CachingEasemobTokenProvider> easemobNamedTokenProviders,
			ObjectProvider<RestClient.Builder> restClientBuilder,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			BeanFactory beanFactory, EasemobThreads easemobThreads,
			ResourceLoader resourceLoader) {
		Map<String, RestClient> clients = new LinkedHashMap<>();
		for (EasemobAppSettings app : easemobAppsSettings.named()) {
			EasemobTokenClientHttpRequestInterceptor interceptor = new EasemobTokenClientHttpRequestInterceptor(
					easemobNamedTokenProviders.asMap().get(app.name()), app.responseTimeout(), app.keys(),
					easemobThreads.scheduler());
			clients.put(app.name(), restClient(app, restClientBuilder.getObject(), interceptor, requestFactoryBuilder,
					beanFactory, easemobThreads, resourceLoader));
		}
		return new EasemobAppBeans<>(clients);
	}

	private static RestClient restClient(EasemobAppSettings app, RestClient.Builder builder,
			EasemobTokenClientHttpRequestInterceptor interceptor,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			BeanFactory beanFactory, EasemobThreads threads,
			ResourceLoader resourceLoader) {
		return configure(app, builder, interceptor, requestFactoryBuilder, beanFactory, threads, resourceLoader,
				AppValues.DEFAULT.equals(app.name()) ? "easemobRestClient"
						: "The RestClient of Easemob app '" + app.name() + "'")
			.build();
	}

	static RestClient.Builder configure(EasemobAppSettings app, RestClient.Builder builder,
			EasemobTokenClientHttpRequestInterceptor interceptor,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			BeanFactory beanFactory, EasemobThreads threads, ResourceLoader resourceLoader,
			String client) {
		ClientHttpRequestFactoryBuilder<?> factoryBuilder = HeaderSafeHttpClients.imperative(
				requestFactoryBuilder
					.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(resourceLoader.getClassLoader())),
				client, threads);
		return builder.baseUrl(app.app().baseUri().toString())
			.requestFactory(HttpClientDefaults.of(beanFactory)
				.requestFactory(factoryBuilder, app.connectTimeout(), app.responseTimeout()))
			.requestInterceptor(interceptor);
	}

}
