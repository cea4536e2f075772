package io.github.easemobtoken.autoconfigure;

import io.github.easemobtoken.EasemobApps;

import org.springframework.beans.factory.ObjectProvider;
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

	EasemobRestClientHttpServiceGroupConfigurer(EasemobAppsSettings settings, ObjectProvider<EasemobApps> apps,
			EasemobHttpServiceGroups.ClientConfigurer<RestClient.Builder> configurer) {
		super(settings, apps, configurer);
	}

}
