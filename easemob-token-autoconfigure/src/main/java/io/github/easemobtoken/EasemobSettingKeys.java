package io.github.easemobtoken;

/**
 * The property keys of one app, as the user writes them: {@code easemob.*} for the app
 * {@code default}, {@code easemob.apps.<name>.*} for a named app. Every message that tells
 * the user which setting to change names it through this, so that advice about a named app
 * names that app's key.
 *
 * @param prefix the prefix of the app's keys, ending in a dot
 * @author easemob-token
 */
public record EasemobSettingKeys(String prefix) {

	/** The keys of the app {@code default}: {@code easemob.*}. */
	public static final EasemobSettingKeys DEFAULT = new EasemobSettingKeys("easemob.");

	/**
	 * The full key of a setting.
	 * @param key the key without prefix, such as {@code token.min-request-interval}
	 * @return the full key, such as {@code easemob.apps.tenant-b.token.min-request-interval}
	 */
	public String key(String key) {
		return this.prefix + key;
	}

	@Override
	public String toString() {
		return this.prefix + "*";
	}

}
