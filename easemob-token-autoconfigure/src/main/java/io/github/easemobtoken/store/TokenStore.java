package io.github.easemobtoken.store;

import io.github.easemobtoken.EasemobToken;
import reactor.core.publisher.Mono;

/**
 * Keeps the token the provider obtained. The provider serves its own in-memory copy on
 * every call and consults the store only around a token request: before asking Easemob,
 * it takes a fresher token from the store if one is there (another instance sharing the
 * store obtained it); after obtaining one, it puts it in; after a 401, it removes it.
 * <p>
 * A failing store never stops the provider: it logs and asks Easemob itself.
 *
 * @author easemob-token
 */
public interface TokenStore {

	/**
	 * The token in the store, if any.
	 * @return the token, or empty
	 */
	Mono<EasemobToken> get();

	/**
	 * Keep {@code token}, which was just obtained from Easemob.
	 * @param token the new token
	 * @return completion
	 */
	Mono<Void> put(EasemobToken token);

	/**
	 * Forget {@code token} because Easemob rejected it, unless the store already holds a
	 * different one.
	 * @param token the rejected token
	 * @return completion
	 */
	Mono<Void> remove(EasemobToken token);

}
