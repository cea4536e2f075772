package io.github.easemobtoken;

/**
 * The app's {@code client_id} and {@code client_secret}. {@link #toString()} never shows
 * the secret.
 *
 * @param clientId the Client ID from the Easemob console
 * @param clientSecret the ClientSecret from the Easemob console
 * @author easemob-token
 */
public record EasemobCredentials(String clientId, String clientSecret) {

	@Override
	public String toString() {
		return "EasemobCredentials[clientId=" + this.clientId + ", clientSecret=******]";
	}

}
