package io.github.easemobtoken.autoconfigure;

import io.github.easemobtoken.EasemobApps;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;

/**
 * Gives every {@code WebClient}-backed HTTP service group named after an Easemob app that
 * app's base URL, HTTP client and token filter, as {@code easemobWebClient} has them.
 * A group of any other name is left alone.
 *
 * @author easemob-token
 */
final class EasemobWebClientHttpServiceGroupConfigurer implements WebClientHttpServiceGroupConfigurer {

	private final EasemobAppsSettings settings;

	private final ObjectProvider<EasemobApps> apps;

	private final EasemobHttpServiceGroups.ClientConfigurer<WebClient.Builder> configurer;

	EasemobWebClientHttpServiceGroupConfigurer(EasemobAppsSettings settings, ObjectProvider<EasemobApps> apps,
			EasemobHttpServiceGroups.ClientConfigurer<WebClient.Builder> configurer) {
		this.settings = settings;
		this.apps = apps;
		this.configurer = configurer;
	}

	@Override
	public void configureGroups(Groups<WebClient.Builder> groups) {
		EasemobHttpServiceGroups.configure(groups, this.settings, this.apps.getIfAvailable(), this.configurer);
	}

	@Override
	public int getOrder() {
		return EasemobHttpServiceGroups.ORDER;
	}

}
