package io.github.easemobtoken.autoconfigure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.easemobtoken.autoconfigure.InvalidEasemobPropertiesException.Violation;
import org.jspecify.annotations.Nullable;

/**
 * Every configured app, resolved once ({@link EasemobAppSettings} each, in the order they
 * were configured, {@code default} first). What only a token provider of ours needs (the
 * credentials, the token settings) is checked when the first one is built, for every app
 * that gets one, so that one startup failure reports every wrong key.
 *
 * @author easemob-token
 */
public final class EasemobAppsSettings {

	/** The name of the app of the flat {@code easemob.*} keys. */
	public static final String DEFAULT = AppValues.DEFAULT;

	private final Map<String, EasemobAppSettings> apps;

	private final List<Violation> global;

	private final Map<String, List<Violation>> appViolations;

	private final Map<String, List<Violation>> providerViolations;

	EasemobAppsSettings(Map<String, EasemobAppSettings> apps, List<Violation> global,
			Map<String, List<Violation>> appViolations, Map<String, List<Violation>> providerViolations) {
		this.apps = Collections.unmodifiableMap(new LinkedHashMap<>(apps));
		this.global = List.copyOf(global);
		this.appViolations = appViolations;
		this.providerViolations = providerViolations;
	}

	/**
	 * The names of the configured apps.
	 * @return the names, {@code default} first when it is configured
	 */
	public Set<String> names() {
		return this.apps.keySet();
	}

	/**
	 * The app of the flat keys, if there is one.
	 * @return the settings, or {@code null}
	 */
	public @Nullable EasemobAppSettings defaultApp() {
		return this.apps.get(DEFAULT);
	}

	/**
	 * Every app.
	 * @return the settings, {@code default} first
	 */
	public List<EasemobAppSettings> all() {
		return List.copyOf(this.apps.values());
	}

	/**
	 * The named apps, those of {@code easemob.apps}, without {@code default}.
	 * @return the settings
	 */
	public List<EasemobAppSettings> named() {
		return this.apps.values().stream().filter((app) -> !app.name().equals(DEFAULT)).toList();
	}

	/**
	 * Check what a token provider of ours needs, for every named app and, with
	 * {@code withDefault}, the app {@code default}: named apps always get providers, so a
	 * failure lists their wrong keys too.
	 * @param withDefault whether the app {@code default} gets a provider of ours
	 * @throws InvalidEasemobPropertiesException listing every wrong key of those apps
	 */
	void requireProviders(boolean withDefault) {
		require(withDefault, withDefault);
	}

	/**
	 * Check what the clients of the app {@code default} need (host, app, HTTP settings),
	 * and everything of the named apps.
	 * @throws InvalidEasemobPropertiesException listing every wrong key of those apps
	 */
	void requireDefaultClients() {
		require(true, false);
	}

	/**
	 * The app {@code default}, for a client of it, after {@link #requireDefaultClients()}.
	 * @param bean the bean that needs it, for the message when there is none
	 * @return its settings
	 */
	EasemobAppSettings requireDefaultApp(String bean) {
		requireDefaultClients();
		EasemobAppSettings app = defaultApp();
		if (app == null) {
			throw new IllegalStateException(bean + " needs the app 'default' (the easemob.* keys)");
		}
		return app;
	}

	private void require(boolean defaultApp, boolean defaultProvider) {
		List<Violation> violations = new ArrayList<>(this.global);
		for (String name : this.appViolations.keySet()) {
			boolean isDefault = name.equals(DEFAULT);
			if (!isDefault || defaultApp) {
				violations.addAll(this.appViolations.get(name));
			}
			if (!isDefault || defaultProvider) {
				violations.addAll(this.providerViolations.get(name));
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidEasemobPropertiesException(violations.stream().distinct().toList());
		}
	}

	@Override
	public String toString() {
		return "EasemobAppsSettings" + this.apps.keySet();
	}

}
