package io.github.easemobtoken.autoconfigure;

import java.util.Map;
import java.util.function.Supplier;

import io.github.easemobtoken.EasemobTokenProvider;

import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;

/**
 * The {@code WebClient}-backed groups' {@link EasemobHttpServiceGroupConfigurer}, as
 * {@code easemobWebClient} is configured.
 *
 * @author easemob-token
 */
final class EasemobWebClientHttpServiceGroupConfigurer extends EasemobHttpServiceGroupConfigurer<WebClient.Builder>
		implements WebClientHttpServiceGroupConfigurer {

	EasemobWebClientHttpServiceGroupConfigurer(EasemobAppsSettings settings, Supplier<Map<String, EasemobTokenProvider>> providers,
			EasemobHttpServiceGroups.ClientConfigurer<WebClient.Builder> configurer) {
		super(settings, providers, configurer);
	}

}
