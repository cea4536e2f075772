package io.github.easemobtoken.autoconfigure.actuate;

import java.util.Collection;
import java.util.Collections;
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

	private final Supplier<? extends Collection<@Nullable String>> secrets;

	/**
	 * Create a function.
	 * @param secret the configured client secret, read each time
	 */
	public EasemobClientSecretSanitizingFunction(Supplier<@Nullable String> secret) {
		this.secrets = () -> Collections.singletonList(secret.get());
	}

	/**
	 * Create a function for several apps.
	 * @param secrets the configured client secrets, read each time
	 * @return the function
	 */
	public static EasemobClientSecretSanitizingFunction of(Supplier<? extends Collection<@Nullable String>> secrets) {
		return new EasemobClientSecretSanitizingFunction(secrets, true);
	}

	/** {@code several} only tells this constructor from the public one. */
	private EasemobClientSecretSanitizingFunction(Supplier<? extends Collection<@Nullable String>> secrets,
			boolean several) {
		this.secrets = secrets;
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		return (isSecretKey(data.getKey()) || holdsSecret(data.getValue())) ? data.withSanitizedValue() : data;
	}

	private static boolean isSecretKey(String key) {
		String name = key.toLowerCase(Locale.ROOT).replaceAll("[-_.\\[\\]]", "");
		// easemob.client-secret, easemob.apps.<name>.client-secret, and their other spellings
		return name.equals("clientsecret") || (name.startsWith("easemob") && name.endsWith("clientsecret"));
	}

	private boolean holdsSecret(@Nullable Object value) {
		if (value == null) {
			return false;
		}
		String text = value.toString();
		for (String secret : this.secrets.get()) {
			if (secret != null && !secret.isBlank()
					&& (text.equals(secret) || (secret.length() >= MIN_CONTAINED_LENGTH && text.contains(secret)))) {
				return true;
			}
		}
		return false;
	}

}
