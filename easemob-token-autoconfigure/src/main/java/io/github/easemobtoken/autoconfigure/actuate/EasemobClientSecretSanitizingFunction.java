package io.github.easemobtoken.autoconfigure.actuate;

import java.util.Locale;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the Easemob client secret in {@code /actuator/env} and
 * {@code /actuator/configprops} even when an application shows their values
 * ({@code management.endpoint.env.show-values=always}): any key that is
 * {@code easemob.client-secret} in some spelling, and any value that contains the
 * configured secret, such as an environment variable a placeholder reads it from.
 *
 * @author easemob-token
 */
public final class EasemobClientSecretSanitizingFunction implements SanitizingFunction {

	/** Shorter secrets are only masked where the value is exactly the secret. */
	private static final int MIN_CONTAINED_LENGTH = 8;

	private final Supplier<@Nullable String> secret;

	/**
	 * Create a function.
	 * @param secret the configured client secret, read each time
	 */
	public EasemobClientSecretSanitizingFunction(Supplier<@Nullable String> secret) {
		this.secret = secret;
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		return (isSecretKey(data.getKey()) || holdsSecret(data.getValue())) ? data.withSanitizedValue() : data;
	}

	private static boolean isSecretKey(String key) {
		String name = key.toLowerCase(Locale.ROOT).replaceAll("[-_.\\[\\]]", "");
		return name.equals("easemobclientsecret") || name.equals("clientsecret");
	}

	private boolean holdsSecret(@Nullable Object value) {
		String secret = this.secret.get();
		if (value == null || secret == null || secret.isBlank()) {
			return false;
		}
		String text = value.toString();
		return text.equals(secret) || (secret.length() >= MIN_CONTAINED_LENGTH && text.contains(secret));
	}

}
