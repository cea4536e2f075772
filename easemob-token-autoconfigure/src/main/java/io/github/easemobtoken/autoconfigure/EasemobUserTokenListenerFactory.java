package io.github.easemobtoken.autoconfigure;

import io.github.easemobtoken.user.UserTokenListener;

/**
 * Makes the listener of an app's user tokens, such as its meters: a bean when Micrometer is
 * there, so that the user-token beans need no Micrometer class.
 *
 * @author easemob-token
 */
@FunctionalInterface
public interface EasemobUserTokenListenerFactory {

	/**
	 * The listener of one app's user tokens.
	 * @param appKey the app, {@code org#app}
	 * @return the listener
	 */
	UserTokenListener listenerFor(String appKey);

}
