package io.github.easemobtoken.autoconfigure;

import java.util.function.Supplier;

import io.github.easemobtoken.token.TokenLifecycleListener;
import io.github.easemobtoken.token.TokenStatus;

/**
 * Makes the lifecycle listener of one named app (its meters, tagged with its app key).
 * The app {@code default} is told through the {@link TokenLifecycleListener} beans.
 *
 * @author easemob-token
 */
@FunctionalInterface
interface EasemobAppListenerFactory {

	TokenLifecycleListener listenerFor(String appKey, Supplier<TokenStatus> status);

}
