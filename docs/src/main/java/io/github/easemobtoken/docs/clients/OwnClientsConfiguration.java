package io.github.easemobtoken.docs.clients;

import io.github.easemobtoken.web.EasemobTokenClientHttpRequestInterceptor;
import io.github.easemobtoken.web.EasemobTokenExchangeFilterFunction;

import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Clients of your own that carry the app token: the starter's filter and interceptor are
 * beans.
 */
@Configuration(proxyBeanMethods = false)
public class OwnClientsConfiguration {

	static final String APP_URL = "https://a1.easemob.com/easemob-demo/testapp";

	@Bean
	WebClient myEasemobWebClient(WebClient.Builder builder,
			EasemobTokenExchangeFilterFunction easemobTokenExchangeFilterFunction) {
		return builder.baseUrl(APP_URL).filter(easemobTokenExchangeFilterFunction).build();
	}

	@Bean
	RestClient myEasemobRestClient(RestClient.Builder builder,
			EasemobTokenClientHttpRequestInterceptor easemobTokenClientHttpRequestInterceptor) {
		return builder.baseUrl(APP_URL).requestInterceptor(easemobTokenClientHttpRequestInterceptor).build();
	}

	@Bean
	RestTemplate myEasemobRestTemplate(RestTemplateBuilder builder,
			EasemobTokenClientHttpRequestInterceptor easemobTokenClientHttpRequestInterceptor) {
		return builder.rootUri(APP_URL).additionalInterceptors(easemobTokenClientHttpRequestInterceptor).build();
	}

}
