package io.github.easemobtoken.autoconfigure;

import java.util.Map;
import java.util.function.Supplier;

import io.github.easemobtoken.EasemobTokenProvider;

import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;

/**
 * The {@code RestClient}-backed groups' {@link EasemobHttpServiceGroupConfigurer}, as
 * {@code easemobRestClient} is configured.
 *
 * @author easemob-token
 */
final class EasemobRestClientHttpServiceGroupConfigurer extends EasemobHttpServiceGroupConfigurer<RestClient.Builder>
		implements RestClientHttpServiceGroupConfigurer {

	EasemobRestClientHttpServiceGroupConfigurer(EasemobAppsSettings settings, Supplier<Map<String, EasemobTokenProvider>> providers,
			EasemobHttpServiceGroups.ClientConfigurer<RestClient.Builder> configurer) {
		super(settings, providers, configurer);
	}

}
