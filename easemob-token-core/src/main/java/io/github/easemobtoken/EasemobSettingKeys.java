package io.github.easemobtoken;

import java.util.Set;

/**
 * The property keys of one app, as the user writes them: {@code easemob.*} for the app
 * {@code default}, {@code easemob.apps.<name>.*} for a named app, except where a named app
 * took the value of the flat key, which is then named. Every message that tells the user
 * which setting to change names it through this, so that advice about a named app names
 * the key its value came from.
 *
 * @param prefix the prefix of the app's keys, ending in a dot
 * @param inherited the keys (without prefix) whose value the app took from {@code easemob.*}
 * @author easemob-token
 */
public record EasemobSettingKeys(String prefix, Set<String> inherited) {

	private static final String FLAT = "easemob.";

	/** The keys of the app {@code default}: {@code easemob.*}. */
	public static final EasemobSettingKeys DEFAULT = new EasemobSettingKeys(FLAT);

	public EasemobSettingKeys {
		inherited = Set.copyOf(inherited);
	}

	/**
	 * The keys of an app that took no value from the flat keys.
	 * @param prefix the prefix of the app's keys, ending in a dot
	 */
	public EasemobSettingKeys(String prefix) {
		this(prefix, Set.of());
	}

	/**
	 * The full key of a setting, where its value came from.
	 * @param key the key without prefix, such as {@code token.min-request-interval}
	 * @return the full key, such as {@code easemob.apps.tenant-b.token.min-request-interval}
	 */
	public String key(String key) {
		return (this.inherited.contains(key) ? FLAT : this.prefix) + key;
	}

	@Override
	public String toString() {
		return this.prefix + "*";
	}

}
