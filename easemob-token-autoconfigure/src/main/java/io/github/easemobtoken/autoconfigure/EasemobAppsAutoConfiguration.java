package io.github.easemobtoken.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.easemobtoken.EasemobApps;
import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.EasemobUserTokens;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of the bean {@code easemobApps}: every configured app by name, the
 * app {@code default} with the usual beans ({@code easemobTokenProvider},
 * {@code easemobWebClient}, {@code easemobRestClient}: one lifecycle, one token), and the
 * named apps of {@code easemob.apps}.
 * <p>
 * {@link EasemobApps} hands out WebClients, so it needs Spring WebFlux: a Spring MVC
 * application that leaves WebFlux out gets no {@code easemobApps}, and reaches its apps
 * through {@code easemobRestClient} and the {@code @ImportHttpServices} groups.
 *
 * @author easemob-token
 */
@AutoConfiguration(after = { EasemobTokenAutoConfiguration.class, EasemobWebClientAutoConfiguration.class,
		EasemobRestClientAutoConfiguration.class, EasemobUserTokensAutoConfiguration.class })
@ConditionalOnClass(WebClient.class)
@ConditionalOnBean(EasemobAppsSettings.class)
public final class EasemobAppsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EasemobApps easemobApps(EasemobAppsSettings easemobAppsSettings, BeanFactory beanFactory,
			ObjectProvider<EasemobTokenProvider> easemobTokenProvider,
			ObjectProvider<EasemobAppBeans<CachingEasemobTokenProvider>> easemobNamedTokenProviders,
			ObjectProvider<EasemobAppBeans<WebClient>> easemobNamedWebClients,
			ObjectProvider<EasemobAppBeans<RestClient>> easemobNamedRestClients,
			ObjectProvider<EasemobAppBeans<EasemobUserTokens>> easemobNamedUserTokens) {
		Map<String, EasemobTokenProvider> providers = EasemobTokenProviders.byApp(easemobAppsSettings,
				easemobTokenProvider, easemobNamedTokenProviders);
		Map<String, WebClient> webClients = new LinkedHashMap<>();
		Map<String, RestClient> restClients = new LinkedHashMap<>();
		Map<String, EasemobUserTokens> userTokens = new LinkedHashMap<>();
		if (easemobAppsSettings.defaultApp() != null) {
			putIfPresent(webClients, beanFactory, "easemobWebClient", WebClient.class);
			putIfPresent(restClients, beanFactory, "easemobRestClient", RestClient.class);
			putIfPresent(userTokens, beanFactory, "easemobUserTokens", EasemobUserTokens.class);
		}
		easemobNamedUserTokens.ifAvailable((named) -> userTokens.putAll(named.asMap()));
		easemobNamedWebClients.ifAvailable((named) -> webClients.putAll(named.asMap()));
		EasemobAppBeans<RestClient> namedRestClients = easemobNamedRestClients.getIfAvailable();
		if (namedRestClients != null) {
			restClients.putAll(namedRestClients.asMap());
		}
		boolean blocking = namedRestClients != null || !restClients.isEmpty();
		return new EasemobApps(providers, webClients, blocking ? restClients : null, userTokens);
	}

	private static <T> void putIfPresent(Map<String, T> beans, BeanFactory beanFactory, String name, Class<T> type) {
		@Nullable T bean = beanFactory.containsBean(name) ? beanFactory.getBean(name, type) : null;
		if (bean != null) {
			beans.put(EasemobAppsSettings.DEFAULT, bean);
		}
	}

}
