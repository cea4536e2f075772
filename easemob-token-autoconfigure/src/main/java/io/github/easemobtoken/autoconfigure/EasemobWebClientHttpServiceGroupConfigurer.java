package io.github.easemobtoken.autoconfigure;

import io.github.easemobtoken.EasemobApps;

import org.springframework.beans.factory.ObjectProvider;
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

	EasemobWebClientHttpServiceGroupConfigurer(EasemobAppsSettings settings, ObjectProvider<EasemobApps> apps,
			EasemobHttpServiceGroups.ClientConfigurer<WebClient.Builder> configurer) {
		super(settings, apps, configurer);
	}

}
