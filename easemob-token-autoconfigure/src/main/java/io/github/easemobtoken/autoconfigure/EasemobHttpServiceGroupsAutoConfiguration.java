package io.github.easemobtoken.autoconfigure;

import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import io.github.easemobtoken.web.EasemobTokenClientHttpRequestInterceptor;
import io.github.easemobtoken.web.EasemobTokenExchangeFilterFunction;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;

/**
 * Auto-configuration of the HTTP service clients ({@code @ImportHttpServices}) of Spring
 * Framework 7: each group named after an Easemob app gets what that app's own
 * {@code WebClient} or {@code RestClient} has. Spring Boot 4 only; the Spring Boot 3 line
 * has no HTTP service groups.
 *
 * @author easemob-token
 */
@AutoConfiguration(after = { EasemobWebClientAutoConfiguration.class, EasemobRestClientAutoConfiguration.class })
@ConditionalOnBean({ EasemobAppsSettings.class, EasemobProperties.class })
public final class EasemobHttpServiceGroupsAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ WebClient.class, WebClientHttpServiceGroupConfigurer.class })
	static class WebClientGroups {

		/**
		 * Gives the {@code @ImportHttpServices} groups named after an app ({@code easemob} for
		 * the app {@code default}) that app's base URL, HTTP client and token; no other group.
		 * The group of the app {@code default} shares {@code easemobWebClient}'s connection pool.
		 */
		@Bean
		@ConditionalOnMissingBean(name = "easemobWebClientHttpServiceGroupConfigurer")
		WebClientHttpServiceGroupConfigurer easemobWebClientHttpServiceGroupConfigurer(
				EasemobAppsSettings easemobAppsSettings, ObjectProvider<EasemobTokenProvider> easemobTokenProvider,
				ObjectProvider<EasemobAppBeans<CachingEasemobTokenProvider>> easemobNamedTokenProviders,
				ObjectProvider<EasemobTokenExchangeFilterFunction> easemobTokenExchangeFilterFunction,
				ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
				BeanFactory beanFactory, ObjectProvider<EasemobConnectionPool> pool,
				EasemobThreads easemobThreads, ResourceLoader resourceLoader) {
			return new EasemobWebClientHttpServiceGroupConfigurer(easemobAppsSettings,
					() -> EasemobTokenProviders.byApp(easemobAppsSettings, easemobTokenProvider, easemobNamedTokenProviders),
					(app, provider, builder) -> {
						boolean defaultApp = AppValues.DEFAULT.equals(app.name());
						EasemobTokenExchangeFilterFunction defaultFilter = easemobTokenExchangeFilterFunction.getIfAvailable();
						EasemobTokenExchangeFilterFunction filter = (defaultFilter != null && defaultApp) ? defaultFilter
								: new EasemobTokenExchangeFilterFunction(provider);
						EasemobWebClients.configure(app, builder, filter,
								connectorBuilder
									.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader())),
								HttpClientDefaults.of(beanFactory),
								defaultApp ? pool.getIfAvailable() : null, easemobThreads,
								"HTTP service group '" + EasemobHttpServiceGroups.groupOf(app) + "'");
					});
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RestClient.class, ClientHttpRequestFactoryBuilder.class,
			RestClientHttpServiceGroupConfigurer.class })
	@Conditional(NotReactiveWebApplicationCondition.class)
	@ConditionalOnBean(RestClient.Builder.class)
	static class RestClientGroups {

		/**
		 * Gives the {@code @ImportHttpServices} groups named after an app ({@code easemob} for
		 * the app {@code default}) that app's base URL, HTTP client and token; no other group.
		 */
		@Bean
		@ConditionalOnMissingBean(name = "easemobRestClientHttpServiceGroupConfigurer")
		RestClientHttpServiceGroupConfigurer easemobRestClientHttpServiceGroupConfigurer(
				EasemobAppsSettings easemobAppsSettings, ObjectProvider<EasemobTokenProvider> easemobTokenProvider,
				ObjectProvider<EasemobAppBeans<CachingEasemobTokenProvider>> easemobNamedTokenProviders,
				ObjectProvider<EasemobTokenClientHttpRequestInterceptor> easemobTokenClientHttpRequestInterceptor,
				ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
				BeanFactory beanFactory, EasemobThreads easemobThreads,
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
						EasemobRestClientAutoConfiguration.configure(app, builder, interceptor, requestFactoryBuilder, beanFactory, easemobThreads,
								resourceLoader,
								"HTTP service group '" + EasemobHttpServiceGroups.groupOf(app) + "'");
					});
		}

	}

}
