package io.github.easemobtoken.autoconfigure;

import io.github.easemobtoken.token.CachingEasemobTokenProviderBuilder;

/**
 * Customizes the builder of the auto-configured token provider before it is built: for a
 * clock or scheduler of your own (virtual time in tests), or another store.
 *
 * @author easemob-token
 */
@FunctionalInterface
public interface EasemobTokenProviderBuilderCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder, with every setting from {@code easemob.*} applied
	 */
	void customize(CachingEasemobTokenProviderBuilder builder);

}
