package io.github.easemobtoken.autoconfigure;

import io.github.easemobtoken.EasemobApps;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.service.registry.HttpServiceGroupConfigurer;

/**
 * Gives every HTTP service group named after an Easemob app that app's base URL, HTTP
 * client and token, as the app's own client has them; a group of any other name is left
 * alone. Spring looks the configurers up by their client type, hence a subclass for each.
 *
 * @param <B> the client builder of the groups
 * @author easemob-token
 */
abstract class EasemobHttpServiceGroupConfigurer<B> implements HttpServiceGroupConfigurer<B> {

	private final EasemobAppsSettings settings;

	private final ObjectProvider<EasemobApps> apps;

	private final EasemobHttpServiceGroups.ClientConfigurer<B> configurer;

	EasemobHttpServiceGroupConfigurer(EasemobAppsSettings settings, ObjectProvider<EasemobApps> apps,
			EasemobHttpServiceGroups.ClientConfigurer<B> configurer) {
		this.settings = settings;
		this.apps = apps;
		this.configurer = configurer;
	}

	@Override
	public void configureGroups(Groups<B> groups) {
		EasemobHttpServiceGroups.configure(groups, this.settings, this.apps.getIfAvailable(), this.configurer);
	}

	@Override
	public int getOrder() {
		return EasemobHttpServiceGroups.ORDER;
	}

}
