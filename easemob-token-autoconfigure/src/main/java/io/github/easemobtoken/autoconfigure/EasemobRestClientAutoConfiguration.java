package io.github.easemobtoken.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
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
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;

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
			ObjectProvider<HttpClientSettings> httpClientSettings, EasemobThreads easemobThreads,
			ResourceLoader resourceLoader) {
		return restClient(easemobAppsSettings.requireDefaultApp("easemobRestClient"), restClientBuilder.getObject(),
				easemobTokenClientHttpRequestInterceptor, requestFactoryBuilder, httpClientSettings, easemobThreads,
				resourceLoader);
	}

	/** The RestClients of the named apps, each with its own interceptor. */
	@Bean
	@ConditionalOnBean(name = "easemobNamedTokenProviders")
	EasemobAppBeans<RestClient> easemobNamedRestClients(EasemobAppsSettings easemobAppsSettings,
			EasemobAppBeans<CachingEasemobTokenProvider> easemobNamedTokenProviders,
			ObjectProvider<RestClient.Builder> restClientBuilder,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, EasemobThreads easemobThreads,
			ResourceLoader resourceLoader) {
		Map<String, RestClient> clients = new LinkedHashMap<>();
		for (EasemobAppSettings app : easemobAppsSettings.named()) {
			EasemobTokenClientHttpRequestInterceptor interceptor = new EasemobTokenClientHttpRequestInterceptor(
					easemobNamedTokenProviders.asMap().get(app.name()), app.responseTimeout(), app.keys(),
					easemobThreads.scheduler());
			clients.put(app.name(), restClient(app, restClientBuilder.getObject(), interceptor, requestFactoryBuilder,
					httpClientSettings, easemobThreads, resourceLoader));
		}
		return new EasemobAppBeans<>(clients);
	}

	/**
	 * Gives the {@code @ImportHttpServices} groups named after an app ({@code easemob} for
	 * the app {@code default}) that app's base URL, HTTP client and token; no other group.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "easemobRestClientHttpServiceGroupConfigurer")
	@ConditionalOnClass(RestClientHttpServiceGroupConfigurer.class)
	RestClientHttpServiceGroupConfigurer easemobRestClientHttpServiceGroupConfigurer(
			EasemobAppsSettings easemobAppsSettings, ObjectProvider<EasemobTokenProvider> easemobTokenProvider,
			ObjectProvider<EasemobAppBeans<CachingEasemobTokenProvider>> easemobNamedTokenProviders,
			ObjectProvider<EasemobTokenClientHttpRequestInterceptor> easemobTokenClientHttpRequestInterceptor,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, EasemobThreads easemobThreads,
			ResourceLoader resourceLoader) {
		return new EasemobRestClientHttpServiceGroupConfigurer(easemobAppsSettings,
				() -> EasemobTokenProviders.byApp(easemobAppsSettings, easemobTokenProvider, easemobNamedTokenProviders),
				(app, provider, builder) -> {
					EasemobTokenClientHttpRequestInterceptor defaultInterceptor = easemobTokenClientHttpRequestInterceptor
						.getIfAvailable();
					EasemobTokenClientHttpRequestInterceptor interceptor = (defaultInterceptor != null
							&& AppValues.DEFAULT.equals(app.name()))
							? defaultInterceptor
							: new EasemobTokenClientHttpRequestInterceptor(provider, app.responseTimeout(), app.keys(),
									easemobThreads.scheduler());
					configure(app, builder, interceptor, requestFactoryBuilder, httpClientSettings, easemobThreads,
							resourceLoader,
							"HTTP service group '" + EasemobHttpServiceGroups.groupOf(app) + "'");
				});
	}

	private static RestClient restClient(EasemobAppSettings app, RestClient.Builder builder,
			EasemobTokenClientHttpRequestInterceptor interceptor,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, EasemobThreads threads,
			ResourceLoader resourceLoader) {
		return configure(app, builder, interceptor, requestFactoryBuilder, httpClientSettings, threads, resourceLoader,
				AppValues.DEFAULT.equals(app.name()) ? "easemobRestClient"
						: "The RestClient of Easemob app '" + app.name() + "'")
			.build();
	}

	private static RestClient.Builder configure(EasemobAppSettings app, RestClient.Builder builder,
			EasemobTokenClientHttpRequestInterceptor interceptor,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, EasemobThreads threads, ResourceLoader resourceLoader,
			String client) {
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withTimeouts(app.connectTimeout(), app.responseTimeout())
			.orElse(httpClientSettings.getIfAvailable(HttpClientSettings::defaults));
		ClientHttpRequestFactoryBuilder<?> factoryBuilder = HeaderSafeHttpClients.imperative(
				requestFactoryBuilder
					.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(resourceLoader.getClassLoader())),
				client, threads);
		return builder.baseUrl(app.app().baseUri().toString())
			.requestFactory(factoryBuilder.build(settings))
			.requestInterceptor(interceptor);
	}

}
