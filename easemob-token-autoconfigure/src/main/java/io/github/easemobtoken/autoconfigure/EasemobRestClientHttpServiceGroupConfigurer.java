package io.github.easemobtoken.autoconfigure;

import io.github.easemobtoken.EasemobApps;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;

/**
 * Gives every {@code RestClient}-backed HTTP service group named after an Easemob app that
 * app's base URL, HTTP client and token interceptor, as {@code easemobRestClient} has them.
 * A group of any other name is left alone.
 *
 * @author easemob-token
 */
final class EasemobRestClientHttpServiceGroupConfigurer implements RestClientHttpServiceGroupConfigurer {

	private final EasemobAppsSettings settings;

	private final ObjectProvider<EasemobApps> apps;

	private final EasemobHttpServiceGroups.ClientConfigurer<RestClient.Builder> configurer;

	EasemobRestClientHttpServiceGroupConfigurer(EasemobAppsSettings settings, ObjectProvider<EasemobApps> apps,
			EasemobHttpServiceGroups.ClientConfigurer<RestClient.Builder> configurer) {
		this.settings = settings;
		this.apps = apps;
		this.configurer = configurer;
	}

	@Override
	public void configureGroups(Groups<RestClient.Builder> groups) {
		EasemobHttpServiceGroups.configure(groups, this.settings, this.apps.getIfAvailable(), this.configurer);
	}

	@Override
	public int getOrder() {
		return EasemobHttpServiceGroups.ORDER;
	}

}
