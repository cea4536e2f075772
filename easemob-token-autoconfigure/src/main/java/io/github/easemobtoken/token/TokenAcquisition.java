package io.github.easemobtoken.token;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

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

	private final TokenPolicy policy;

	private final TokenLifecycleListener listener;

	private final InstantSource clock;

	private final Duration storeTimeout;

	private final Duration waitLimit;

	private final String appKey;

	private final ObservationRegistry observations;

	private final AtomicBoolean storeFailing = new AtomicBoolean();

	private final AtomicBoolean unreadableReported = new AtomicBoolean();

	private volatile @Nullable String storeProblem;

	TokenAcquisition(EasemobTokenEndpoint endpoint, TokenStore store, TokenPolicy policy,
			TokenLifecycleListener listener, InstantSource clock, Duration storeTimeout,
			ObservationRegistry observations) {
		this.endpoint = endpoint;
		this.store = store;
		this.policy = policy;
		this.listener = listener;
		this.clock = clock;
		this.storeTimeout = storeTimeout;
		// An instance waiting for another's request waits as long as that request may take.
		this.waitLimit = endpoint.responseTimeout().plus(storeTimeout.multipliedBy(2));
		this.appKey = endpoint.app().appKey();
		this.observations = observations;
	}

	/**
	 * Get a token for a provider in state {@code s}.
	 * @param s the state when the attempt started
	 * @param startedAt when it started
	 * @return what came of it; never an error
	 */
	Mono<Outcome> acquire(TokenState s, long startedAt) {
		return round(s, startedAt, 0, System.nanoTime() + this.waitLimit.toNanos());
	}

	private Mono<Outcome> round(TokenState s, long startedAt, int round, long deadline) {
		return bounded("read", this.store.read()).flatMap((stored) -> {
			if (!stored.readable()) {
				reportUnreadable();
				return alone(s, startedAt);
			}
			EasemobToken shared = stored.token();
			if (shared != null && isNewer(s, stored, shared)) {
				long obtainedAt = (stored.obtainedAt() != null) ? stored.obtainedAt().toEpochMilli() : startedAt;
				return Mono.just(new Outcome.Adopted(shared, obtainedAt));
			}
			long now = this.clock.millis();
			return bounded("claim", this.store.claim(stored, Instant.ofEpochMilli(now),
					Instant.ofEpochMilli(now + this.policy.minRequestInterval())))
				.flatMap((claim) -> decide(s, startedAt, round, deadline, stored, claim))
				.switchIfEmpty(Mono.defer(() -> alone(s, startedAt)));
		}).switchIfEmpty(Mono.defer(() -> alone(s, startedAt)));
	}

	private Mono<Outcome> decide(TokenState s, long startedAt, int round, long deadline, StoredToken stored,
			RefreshClaim claim) {
		if (claim instanceof RefreshClaim.Granted granted) {
			return request(s, startedAt, granted);
		}
		if (claim instanceof RefreshClaim.NotBefore notBefore) {
			return Mono.just(new Outcome.Deferred(notBefore.until().toEpochMilli(), fleetFailure(notBefore),
					(notBefore.reason() != null) ? null
							: "another instance requested a token less than easemob.token.min-request-interval ago"));
		}
		long left = deadline - System.nanoTime();
		if (round >= MAX_ROUNDS || left <= 0) {
			return Mono.just(new Outcome.Deferred(this.clock.millis() + this.policy.minRequestInterval(), null,
					"another instance has been requesting a token for longer than easemob.response-timeout"));
		}
		Mono<Void> wait = Mono.empty();
		if (claim instanceof RefreshClaim.Leased leased) {
			Duration atMost = min(leased.remaining(), Duration.ofNanos(left));
			wait = bounded("wait", this.store.awaitChange(stored, atMost), atMost.plus(this.storeTimeout));
		}
		return wait.then(Mono.defer(() -> round(s, startedAt, round + 1, deadline)));
	}

	/** A token another instance obtained, neither one we held nor one due for refresh. */
	private boolean isNewer(TokenState s, StoredToken stored, EasemobToken shared) {
		long expiresAt = shared.expiresAt().map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
		long obtainedAt = (stored.obtainedAt() != null) ? stored.obtainedAt().toEpochMilli() : this.clock.millis();
		return !s.hasHeld(shared) && this.policy.refreshAt(obtainedAt, expiresAt) > this.clock.millis();
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
			return this.endpoint.requestToken()
				.doOnSuccess((token) -> observation.lowCardinalityKeyValue("outcome", "success").stop())
				.doOnError((ex) -> observation.lowCardinalityKeyValue("outcome", "failure")
					.error(asRequestFailure(ex))
					.stop())
				.doOnCancel(observation::stop);
		});
	}

	private Mono<Outcome> request(TokenState s, long startedAt, RefreshClaim.Granted claim) {
		return observedRequest()
			.flatMap((token) -> bounded("publish",
					this.store.publish(claim, token, Instant.ofEpochMilli(startedAt), this.clock.instant()))
				.thenReturn((Outcome) new Outcome.Requested(token)))
			.onErrorResume((ex) -> {
				EasemobTokenRequestException failure = asRequestFailure(ex);
				int failures = Math.max(s.failures, claim.failures()) + 1;
				long nextAttemptAt = nextAttemptAt(startedAt, failures, failure);
				return bounded("report-failure",
						this.store.reportFailure(claim, stored(failure), Instant.ofEpochMilli(nextAttemptAt)))
					.thenReturn(new Outcome.Failed(failure, nextAttemptAt, failures));
			});
	}

	/** As a single instance: no store, this instance's own floor and backoff. */
	private Mono<Outcome> alone(TokenState s, long startedAt) {
		return observedRequest()
			.map((token) -> (Outcome) new Outcome.Requested(token))
			.onErrorResume((ex) -> {
				EasemobTokenRequestException failure = asRequestFailure(ex);
				int failures = s.failures + 1;
				return Mono.just(new Outcome.Failed(failure, nextAttemptAt(startedAt, failures, failure), failures));
			});
	}

	private long nextAttemptAt(long startedAt, int failures, EasemobTokenRequestException failure) {
		return Math.max(startedAt + this.policy.minRequestInterval(),
				this.clock.millis() + this.policy.backoff(failures, failure));
	}

	/** Remove a rejected token from the store, in the background. */
	void forget(EasemobToken rejected) {
		bounded("remove", this.store.remove(rejected)).subscribe();
	}

	private <T> Mono<T> bounded(String operation, Mono<T> call) {
		return bounded(operation, call, this.storeTimeout);
	}

	private <T> Mono<T> bounded(String operation, Mono<T> call, Duration timeout) {
		return call.timeout(timeout).doOnSuccess((ignored) -> storeAnswered()).onErrorResume((ex) -> {
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
					+ " that this instance cannot decrypt: it was written under another easemob.client-secret, or is "
					+ "damaged. This instance requests its own token and leaves that value alone until it expires");
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
			return "no answer within " + this.storeTimeout.toMillis() + " ms (easemob.token.store-timeout)";
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
		record Adopted(EasemobToken token, long obtainedAt) implements Outcome {
		}

		/**
		 * This instance asked Easemob and the request failed, the {@code failures}-th in
		 * a row (for the whole fleet when the store is shared).
		 */
		record Failed(EasemobTokenRequestException failure, long nextAttemptAt, int failures) implements Outcome {
		}

		/**
		 * The fleet holds the next request back until {@code until}; no request was made.
		 * {@code why} says why when there is no {@code cause}.
		 */
		record Deferred(long until, @Nullable EasemobTokenRequestException cause, @Nullable String why)
				implements Outcome {
		}

	}

}
