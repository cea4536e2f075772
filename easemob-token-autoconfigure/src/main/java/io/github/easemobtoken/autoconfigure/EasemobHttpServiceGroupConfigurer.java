package io.github.easemobtoken.autoconfigure;

import java.util.Map;
import java.util.function.Supplier;

import io.github.easemobtoken.EasemobTokenProvider;

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

	private final Supplier<Map<String, EasemobTokenProvider>> providers;

	private final EasemobHttpServiceGroups.ClientConfigurer<B> configurer;

	/**
	 * Create a configurer of the groups named after an app.
	 * @param settings the configured apps
	 * @param providers the apps' token providers by name: looked up when the groups are
	 * configured, so that creating the configurer creates no provider
	 * @param configurer what to do to a group's builder
	 */
	EasemobHttpServiceGroupConfigurer(EasemobAppsSettings settings, Supplier<Map<String, EasemobTokenProvider>> providers,
			EasemobHttpServiceGroups.ClientConfigurer<B> configurer) {
		this.settings = settings;
		this.providers = providers;
		this.configurer = configurer;
	}

	@Override
	public void configureGroups(Groups<B> groups) {
		EasemobHttpServiceGroups.configure(groups, this.settings, this.providers.get(), this.configurer);
	}

	@Override
	public int getOrder() {
		return EasemobHttpServiceGroups.ORDER;
	}

}
