package io.github.easemobtoken.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.easemobtoken.EasemobTokenProvider;

import org.springframework.core.Ordered;
import org.springframework.web.service.registry.HttpServiceGroupConfigurer;

/**
 * Which {@code @ImportHttpServices} group belongs to which Easemob app: {@value #DEFAULT_GROUP}
 * to the app {@code default}, every other app's name to that app. Only these groups get an
 * app's base URL and token; no other group, client or host ever sees the token.
 *
 * @author easemob-token
 */
final class EasemobHttpServiceGroups {

	/** The group of the app {@code default}. */
	static final String DEFAULT_GROUP = "easemob";

	/**
	 * After Spring Boot's {@code spring.http.serviceclient.*} configurer (highest + 10), which
	 * sets a request factory of its own on every group, and before any user configurer
	 * (order 0 by default), which may still adjust an Easemob group.
	 */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

	private EasemobHttpServiceGroups() {
	}

	/**
	 * What an app's own client does to its builder, done to a group's builder.
	 *
	 * @param <B> the builder type
	 */
	@FunctionalInterface
	interface ClientConfigurer<B> {

		void configure(EasemobAppSettings app, EasemobTokenProvider provider, B builder);

	}

	/**
	 * Configure the groups named after an app, and only those.
	 * @param <B> the builder type
	 * @param groups the groups
	 * @param settings the configured apps
	 * @param providers the apps' token providers by app name
	 * @param configurer what to do to a group's builder
	 */
	static <B> void configure(HttpServiceGroupConfigurer.Groups<B> groups, EasemobAppsSettings settings,
			Map<String, EasemobTokenProvider> providers, ClientConfigurer<B> configurer) {
		Map<String, EasemobAppSettings> byGroup = byGroup(settings);
		byGroup.values().removeIf((app) -> !providers.containsKey(app.name()));
		if (byGroup.isEmpty()) {
			return;
		}
		groups.filter((group) -> byGroup.containsKey(group.name())).forEachClient((group, builder) -> {
			EasemobAppSettings app = byGroup.get(group.name());
			configurer.configure(app, providers.get(app.name()), builder);
		});
	}

	/**
	 * The group an app's HTTP services belong to.
	 * @param app the app
	 * @return {@value #DEFAULT_GROUP} for the app {@code default}, the app's name otherwise
	 */
	static String groupOf(EasemobAppSettings app) {
		return EasemobAppsSettings.DEFAULT.equals(app.name()) ? DEFAULT_GROUP : app.name();
	}

	/**
	 * The apps by group name; an app named {@value #DEFAULT_GROUP} takes that group over
	 * from the app {@code default}.
	 * @param settings the configured apps
	 * @return the apps by group
	 */
	static Map<String, EasemobAppSettings> byGroup(EasemobAppsSettings settings) {
		Map<String, EasemobAppSettings> groups = new LinkedHashMap<>();
		for (EasemobAppSettings app : settings.all()) {
			String group = groupOf(app);
			if (!groups.containsKey(group) || !EasemobAppsSettings.DEFAULT.equals(app.name())) {
				groups.put(group, app);
			}
		}
		return groups;
	}

}
