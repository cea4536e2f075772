package io.github.easemobtoken.token;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.easemobtoken.EasemobSettingKeys;
import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenRequestException;
import io.github.easemobtoken.TokenFailureReason;
import io.github.easemobtoken.store.RefreshClaim;
import io.github.easemobtoken.store.StoredToken;
import io.github.easemobtoken.store.TokenStore;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * One attempt to get a token when the provider needs one: take a newer token from the
 * store, or claim the request and ask Easemob, or wait for the instance that holds the
 * claim, or learn when the fleet's floor or backoff allows the next request. Every store
 * operation is bounded by the store timeout; when one fails, the attempt carries on alone,
 * as a single instance would, and says so to the {@link TokenLifecycleListener}.
 *
 * @author easemob-token
 */
final class TokenAcquisition {

	private static final Log logger = LogFactory.getLog(TokenAcquisition.class);

	/** Reads and claims in one attempt; a value that keeps changing under us ends it. */
	private static final int MAX_ROUNDS = 8;

	private static final int MAX_STORED_MESSAGE = 500;

	/** The name of the observation of each token request. */
	static final String OBSERVATION = "easemob.token.request";

	private final EasemobTokenEndpoint endpoint;

	private final TokenStore store;

	private final TokenLifecycle lifecycle;

	private final TokenLifecycleListener listener;

	private final InstantSource clock;

	private final Duration storeTimeout;

	private final Duration waitLimit;

	private final String appKey;

	private final ObservationRegistry observations;

	private final EasemobSettingKeys keys;

	/** Times the store operations and the token request; the provider's own scheduler. */
	private final Scheduler timer;

	private final AtomicBoolean storeFailing = new AtomicBoolean();

	private final AtomicBoolean unreadableReported = new AtomicBoolean();

	private volatile @Nullable String storeProblem;

	TokenAcquisition(EasemobTokenEndpoint endpoint, TokenStore store, TokenLifecycle lifecycle,
			TokenLifecycleListener listener, InstantSource clock, Duration storeTimeout,
			ObservationRegistry observations, EasemobSettingKeys keys, Scheduler timer) {
		this.endpoint = endpoint;
		this.timer = timer;
		this.store = store;
		this.lifecycle = lifecycle;
		this.listener = listener;
		this.clock = clock;
		this.storeTimeout = storeTimeout;
		// An instance waiting for another's request waits as long as that request may take.
		this.waitLimit = endpoint.responseTimeout().plus(storeTimeout.multipliedBy(2));
		this.appKey = endpoint.app().appKey();
		this.observations = observations;
		this.keys = keys;
	}

	/**
	 * Get a token for a provider in state {@code s}.
	 * @param s the state when the attempt started
	 * @param startedAt when it started
	 * @return what came of it; never an error
	 */
	Mono<Outcome> acquire(TokenState s, Instant startedAt) {
		return round(s, startedAt, 0, System.nanoTime() + this.waitLimit.toNanos());
	}

	private Mono<Outcome> round(TokenState s, Instant startedAt, int round, long deadline) {
		return bounded("read", this.store.read()).flatMap((stored) -> {
			if (!stored.readable()) {
				// Claimed like any other value, so that a value sealed under a secret that has
				// since been rotated is replaced by the first instance that needs a token.
				reportUnreadable();
			}
			EasemobToken shared = stored.token();
			Instant now = this.clock.instant();
			Instant obtainedAt = (stored.obtainedAt() != null) ? stored.obtainedAt() : now;
			if (shared != null && this.lifecycle.mayAdopt(s, shared, obtainedAt, now)) {
				return Mono.just(new Outcome.Adopted(shared, obtainedAt));
			}
			return bounded("claim", this.store.claim(stored, now, this.lifecycle.floorAfter(now)))
				.flatMap((claim) -> decide(s, startedAt, round, deadline, stored, claim))
				.switchIfEmpty(Mono.defer(() -> alone(s, startedAt)));
		}).switchIfEmpty(Mono.defer(() -> alone(s, startedAt)));
	}

	private Mono<Outcome> decide(TokenState s, Instant startedAt, int round, long deadline, StoredToken stored,
			RefreshClaim claim) {
		if (claim instanceof RefreshClaim.Granted granted) {
			return request(s, startedAt, granted);
		}
		if (claim instanceof RefreshClaim.NotBefore notBefore) {
			return Mono.just(new Outcome.Deferred(notBefore.until(), fleetFailure(notBefore),
					(notBefore.reason() != null) ? null : "another instance requested a token less than "
							+ this.keys.key("token.min-request-interval") + " ago"));
		}
		long left = deadline - System.nanoTime();
		if (round >= MAX_ROUNDS || left <= 0) {
			return Mono.just(new Outcome.Deferred(this.lifecycle.floorAfter(this.clock.instant()), null,
					"another instance has been requesting a token for longer than "
							+ this.keys.key("response-timeout")));
		}
		Mono<Void> wait = Mono.empty();
		if (claim instanceof RefreshClaim.Leased leased) {
			Duration atMost = min(leased.remaining(), Duration.ofNanos(left));
			wait = bounded("wait", this.store.awaitChange(stored, atMost), atMost.plus(this.storeTimeout));
		}
		return wait.then(Mono.defer(() -> round(s, startedAt, round + 1, deadline)));
	}

	/**
	 * The token request as the observation {@code easemob.token.request}: low-cardinality
	 * {@code app} and {@code outcome}, the failure (whose message starts with its reason)
	 * as the error; neither the secret nor the token in any key value.
	 */
	private Mono<EasemobToken> observedRequest() {
		return Mono.defer(() -> {
			Observation observation = Observation.createNotStarted(OBSERVATION, this.observations)
				.contextualName("easemob token request")
				.lowCardinalityKeyValue("app", this.appKey)
				.start();
			return this.endpoint.requestToken(this.timer)
				.doOnSuccess((token) -> observation.lowCardinalityKeyValue("outcome", "success").stop())
				.doOnError((ex) -> observation.lowCardinalityKeyValue("outcome", "failure")
					.error(asRequestFailure(ex))
					.stop())
				.doOnCancel(observation::stop);
		});
	}

	private Mono<Outcome> request(TokenState s, Instant startedAt, RefreshClaim.Granted claim) {
		return observedRequest()
			.flatMap((token) -> bounded("publish", this.store.publish(claim, token, startedAt, this.clock.instant()))
				.thenReturn((Outcome) new Outcome.Requested(token)))
			.onErrorResume((ex) -> {
				EasemobTokenRequestException failure = asRequestFailure(ex);
				TokenLifecycle.Backoff backoff = this.lifecycle.backoff(s, claim.failures(), startedAt,
						this.clock.instant(), failure);
				return bounded("report-failure",
						this.store.reportFailure(claim, stored(failure), backoff.failures(), backoff.notBefore()))
					.thenReturn(new Outcome.Failed(failure, backoff));
			});
	}

	/** As a single instance: no store, this instance's own floor and backoff. */
	private Mono<Outcome> alone(TokenState s, Instant startedAt) {
		return observedRequest().map((token) -> (Outcome) new Outcome.Requested(token)).onErrorResume((ex) -> {
			EasemobTokenRequestException failure = asRequestFailure(ex);
			return Mono.just(new Outcome.Failed(failure,
					this.lifecycle.backoff(s, 0, startedAt, this.clock.instant(), failure)));
		});
	}

	/** Remove a rejected token from the store, in the background. */
	void forget(EasemobToken rejected) {
		bounded("remove", this.store.remove(rejected)).subscribe();
	}

	private <T> Mono<T> bounded(String operation, Mono<T> call) {
		return bounded(operation, call, this.storeTimeout);
	}

	private <T> Mono<T> bounded(String operation, Mono<T> call, Duration timeout) {
		return call.timeout(timeout, this.timer).doOnSuccess((ignored) -> storeAnswered()).onErrorResume((ex) -> {
			storeFailed(operation, ex);
			return Mono.empty();
		});
	}

	private void storeAnswered() {
		if (this.storeFailing.compareAndSet(true, false)) {
			this.storeProblem = null;
			logger.info("Easemob token store " + this.store + " answers again; " + this.appKey
					+ " shares its token through it again");
		}
	}

	private void storeFailed(String operation, Throwable ex) {
		String problem = operation + " failed at " + this.clock.instant() + ": " + describe(ex);
		this.storeProblem = problem;
		tell(() -> this.listener.storeFailed(operation, ex));
		if (this.storeFailing.compareAndSet(false, true)) {
			logger.warn("Easemob token store " + this.store + " " + problem + "; " + this.appKey
					+ " carries on alone (its own token, floor and backoff) until the store answers again");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Easemob token store " + this.store + " " + problem);
		}
	}

	private void reportUnreadable() {
		tell(() -> this.listener.storeFailed("decrypt", null));
		if (this.unreadableReported.compareAndSet(false, true)) {
			logger.warn("Easemob token store " + this.store + " holds a token for " + this.appKey
					+ " that this instance cannot decrypt: it was written under another "
					+ this.keys.key("client-secret") + " (before a rotation of the secret, say), or is damaged. "
					+ "This instance replaces it with a token of its own when it next needs one");
		}
	}

	private void tell(Runnable notification) {
		try {
			notification.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Easemob token lifecycle listener failed", ex);
		}
	}

	/** What the health indicator shows while the store fails; {@code null} while it answers. */
	@Nullable String storeProblem() {
		return this.storeProblem;
	}

	EasemobTokenRequestException asRequestFailure(Throwable ex) {
		if (ex instanceof EasemobTokenRequestException failure) {
			return failure;
		}
		return new EasemobTokenRequestException(TokenFailureReason.IO_ERROR.tag() + ": the token request for "
				+ this.appKey + " failed unexpectedly: " + ex, TokenFailureReason.IO_ERROR, 0, null, null, null, ex);
	}

	/** The failure as other instances see it: reason and message, no stack. */
	private static EasemobTokenRequestException stored(EasemobTokenRequestException failure) {
		String message = String.valueOf(failure.getMessage());
		return (message.length() <= MAX_STORED_MESSAGE) ? failure
				: new EasemobTokenRequestException(message.substring(0, MAX_STORED_MESSAGE) + "…", failure.getReason(),
						failure.getStatusCode(), failure.getError(), failure.getErrorDescription(),
						failure.getRetryAfter(), null);
	}

	private @Nullable EasemobTokenRequestException fleetFailure(RefreshClaim.NotBefore notBefore) {
		if (notBefore.reason() == null) {
			return null;
		}
		return new EasemobTokenRequestException(
				notBefore.message() + " (reported by another instance through " + this.store + ")",
				notBefore.reason(), 0, null, null, null, null);
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private String describe(Throwable ex) {
		if (ex instanceof TimeoutException) {
			return "no answer within " + this.storeTimeout.toMillis() + " ms (" + this.keys.key("token.store-timeout")
					+ ")";
		}
		String message = ex.getMessage();
		return ex.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	/** What came of an attempt. */
	sealed interface Outcome {

		/** This instance asked Easemob and got a token. */
		record Requested(EasemobToken token) implements Outcome {
		}

		/** Another instance obtained a newer token; no request was made. */
		record Adopted(EasemobToken token, Instant obtainedAt) implements Outcome {
		}

		/**
		 * This instance asked Easemob and the request failed; {@code backoff} is the
		 * schedule {@link TokenLifecycle#backoff} made of it (for the whole fleet when the
		 * store is shared).
		 */
		record Failed(EasemobTokenRequestException failure, TokenLifecycle.Backoff backoff) implements Outcome {
		}

		/**
		 * The fleet holds the next request back until {@code until}; no request was made.
		 * {@code why} says why when there is no {@code cause}.
		 */
		record Deferred(Instant until, @Nullable EasemobTokenRequestException cause, @Nullable String why)
				implements Outcome {
		}

	}

}
