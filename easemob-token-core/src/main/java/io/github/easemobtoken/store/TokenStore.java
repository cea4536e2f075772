package io.github.easemobtoken.store;

import java.time.Duration;
import java.time.Instant;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenRequestException;
import reactor.core.publisher.Mono;

/**
 * Where the token is kept beyond this instance, and who may ask Easemob for the next one.
 * The provider serves its own in-memory copy on every call and consults the store only
 * when it needs a token: it {@link #read() reads} what is stored and takes it when it is
 * newer than its own; otherwise it {@link #claim claims} the request, and only with a
 * {@link RefreshClaim.Granted grant} asks Easemob, then {@link #publish publishes} the
 * token or {@link #reportFailure reports the failure}. Without a grant it waits for the
 * instance that has one, or for the instant the fleet's floor or backoff allows.
 * <p>
 * Every operation may fail or time out: the provider then carries on alone, with its own
 * floor and backoff, and tries the store again at its next request.
 *
 * @author easemob-token
 */
public interface TokenStore {

	/**
	 * What the store holds now.
	 * @return the stored token, {@link StoredToken#ABSENT} when nothing is stored
	 */
	Mono<StoredToken> read();

	/**
	 * Ask for the right to send the next token request.
	 * @param seen what this instance read; the claim is granted only while the store
	 * still holds it
	 * @param now the current instant, on the provider's clock
	 * @param notBefore the earliest start of the request after this one (the floor), for
	 * the whole fleet
	 * @return the answer
	 */
	Mono<RefreshClaim> claim(StoredToken seen, Instant now, Instant notBefore);

	/**
	 * Keep the token a granted request obtained, and release the claim. A value another
	 * instance wrote after the claim ran out is not overwritten.
	 * @param claim the grant
	 * @param token the new token
	 * @param obtainedAt when the request started
	 * @param now the current instant, on the provider's clock (the token's expiry is on
	 * it)
	 * @return completion
	 */
	Mono<Void> publish(RefreshClaim.Granted claim, EasemobToken token, Instant obtainedAt, Instant now);

	/**
	 * Record that a granted request failed, and release the claim. The store records
	 * what the provider computed; it computes no backoff of its own. A claim that is no
	 * longer this instance's (it ran out) records nothing.
	 * @param claim the grant
	 * @param failure what went wrong
	 * @param failures how many requests failed in a row, this one included, for the whole
	 * fleet
	 * @param notBefore the earliest start of the next request, for the whole fleet
	 * @return completion
	 */
	Mono<Void> reportFailure(RefreshClaim.Granted claim, EasemobTokenRequestException failure, int failures,
			Instant notBefore);

	/**
	 * Forget {@code token} because Easemob rejected it, unless the store already holds a
	 * different one.
	 * @param token the rejected token
	 * @return completion
	 */
	Mono<Void> remove(EasemobToken token);

	/**
	 * Wait while another instance holds the claim and the store still holds {@code seen}.
	 * @param seen what this instance read
	 * @param atMost the longest to wait
	 * @return completion when the value changed, the claim was released, or
	 * {@code atMost} passed
	 */
	Mono<Void> awaitChange(StoredToken seen, Duration atMost);

}
