package io.github.easemobtoken.user;

import reactor.core.publisher.Mono;

/**
 * The per-app limit of user-token requests, {@code easemob.user-token.max-requests-per-second}:
 * each request, a resend after a 401 or a 409 included, takes a permit first. The permits are
 * spaced evenly, one every {@code 1.05 s / max} (50 ms for the network's jitter), so that no
 * sliding second holds more than the maximum, on arrival at Easemob too; a caller past the
 * limit waits its turn rather than fails, but never longer than the wait it was given.
 *
 * @author easemob-token
 */
public interface UserTokenLimiter {

	/**
	 * A permit to send one request: completes when the request may go, or fails with a
	 * {@link UserTokenLimitException} at once when its turn is further away than the longest
	 * wait allowed.
	 * @return the permit
	 */
	Mono<Void> acquire();

}
