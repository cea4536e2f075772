package io.github.easemobtoken.token;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import io.github.easemobtoken.EasemobSettingKeys;
import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.EasemobTokenRequestException;
import io.github.easemobtoken.EasemobTokenUnavailableException;
import io.github.easemobtoken.store.TokenStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * The token lifecycle of one app, plumbed: {@link TokenLifecycle} decides, this class keeps
 * its {@link TokenState} in one compare-and-set reference, runs the attempt it starts
 * (through {@link TokenAcquisition}), hands waiting callers the request in flight (a
 * {@link Sinks.One}), and keeps the refresh timer that clears {@code fresh} so the hot
 * path reads no clock. {@link #close()} stops the timer and the request in flight.
 *
 * @author easemob-token
 */
public final class CachingEasemobTokenProvider implements EasemobTokenProvider, AutoCloseable {

	private static final Log logger = LogFactory.getLog(CachingEasemobTokenProvider.class);

	private final TokenLifecycle lifecycle;

	private final TokenAcquisition acquisition;

	private final TokenStore store;

	private final TokenLifecycleListener listener;

	private final InstantSource clock;

	private final Scheduler scheduler;

	private final String appKey;

	private final EasemobSettingKeys keys;

	private final AtomicReference<Current> current = new AtomicReference<>(new Current(TokenState.INITIAL, null, null));

	private final AtomicReference<@Nullable WakeUp> timer = new AtomicReference<>();

	/** The attempts in flight, for {@link #close()} to cancel; a newer one is never cancelled by an older. */
	private final Disposable.Composite inFlight = Disposables.composite();

	private final Mono<EasemobToken> token = new CurrentToken();

	private final AtomicBoolean shortLifetimeReported = new AtomicBoolean();

	private final AtomicReference<@Nullable EasemobToken> freshRejectionReported = new AtomicReference<>();

	CachingEasemobTokenProvider(CachingEasemobTokenProviderBuilder builder, EasemobTokenEndpoint endpoint) {
		this.lifecycle = new TokenLifecycle(builder.policy);
		this.store = builder.store;
		this.listener = builder.listener;
		this.clock = builder.clock;
		this.scheduler = builder.scheduler;
		this.appKey = endpoint.app().appKey();
		this.keys = builder.keys;
		this.acquisition = new TokenAcquisition(endpoint.withClock(builder.clock), builder.store, this.lifecycle,
				builder.listener, builder.clock, builder.storeTimeout, builder.observations, builder.keys);
	}

	/**
	 * Start building a provider for the app of {@code endpoint}.
	 * @param endpoint the client of the app's token endpoint
	 * @return the builder
	 */
	public static CachingEasemobTokenProviderBuilder builder(EasemobTokenEndpoint endpoint) {
		return new CachingEasemobTokenProviderBuilder(endpoint);
	}

	/**
	 * The state, with what the hot path and the waiting callers need beside it: the token
	 * as a ready {@code Mono} (built once per token, so the hot path allocates nothing) and
	 * the request in flight.
	 */
	private record Current(TokenState state, @Nullable Mono<EasemobToken> tokenMono,
			Sinks.@Nullable One<EasemobToken> pending) {

		Current next(TokenState next, Sinks.@Nullable One<EasemobToken> pending) {
			EasemobToken token = next.token();
			Mono<EasemobToken> mono = (token == null) ? null
					: (token == this.state.token() && this.tokenMono != null) ? this.tokenMono : Mono.just(token);
			return new Current(next, mono, pending);
		}

	}

	@Override
	public Mono<EasemobToken> getToken() {
		return this.token;
	}

	@Override
	public @Nullable EasemobToken getFreshToken() {
		TokenState s = this.current.get().state();
		return s.fresh() ? s.token() : null;
	}

	/** Decides at subscription time, so a {@code Mono} kept for later is never stale. */
	private final class CurrentToken extends Mono<EasemobToken> {

		@Override
		public void subscribe(CoreSubscriber<? super EasemobToken> actual) {
			resolve().subscribe(actual);
		}

	}

	private Mono<EasemobToken> resolve() {
		Current c = this.current.get();
		if (c.state().fresh()) {
			return c.tokenMono;
		}
		Instant now = this.clock.instant();
		while (true) {
			TokenLifecycle.Decision decision = this.lifecycle.decide(c.state(), now);
			if (decision.starts()) {
				Current started = start(c, now);
				if (started == null) {
					c = this.current.get();
					continue;
				}
				c = started;
			}
			return switch (decision) {
				case SERVE, SERVE_AND_REFRESH -> c.tokenMono;
				case REFRESH_AND_WAIT, WAIT -> waitFor(c.pending);
				case FAIL -> Mono.error(unavailable(c.state(), now));
			};
		}
	}

	/** The request in flight; waiters resume on the scheduler, not on the I/O thread that got the token. */
	private Mono<EasemobToken> waitFor(Sinks.@Nullable One<EasemobToken> pending) {
		if (pending == null) {
			return Mono.error(unavailable(this.current.get().state(), this.clock.instant()));
		}
		return pending.asMono()
			.publishOn(this.scheduler)
			.onErrorMap(EasemobTokenRequestException.class, (failure) -> unavailable(failure.getMessage(), failure));
	}

	/** Record that a request starts and start it; {@code null} when the state moved meanwhile. */
	private @Nullable Current start(Current c, Instant now) {
		Sinks.One<EasemobToken> pending = Sinks.one();
		Current requesting = c.next(this.lifecycle.requesting(c.state()), pending);
		if (!this.current.compareAndSet(c, requesting)) {
			return null;
		}
		send(c.state(), pending, now);
		return requesting;
	}

	private void send(TokenState before, Sinks.One<EasemobToken> pending, Instant startedAt) {
		long startNanos = System.nanoTime();
		AtomicReference<@Nullable Disposable> self = new AtomicReference<>();
		Disposable subscription = this.acquisition.acquire(before, startedAt).doFinally((signal) -> {
			Disposable done = self.get();
			if (done != null) {
				this.inFlight.remove(done);
			}
		}).subscribe((outcome) -> {
			Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
			if (outcome instanceof TokenAcquisition.Outcome.Requested requested) {
				obtained(pending, requested.token(), startedAt, true, elapsed);
			}
			else if (outcome instanceof TokenAcquisition.Outcome.Adopted adopted) {
				obtained(pending, adopted.token(), adopted.obtainedAt(), false, elapsed);
			}
			else if (outcome instanceof TokenAcquisition.Outcome.Failed failed) {
				failed(pending, failed.failure(), failed.backoff(), elapsed);
			}
			else if (outcome instanceof TokenAcquisition.Outcome.Deferred deferred) {
				deferred(pending, deferred);
			}
		}, (ex) -> {
			EasemobTokenRequestException failure = this.acquisition.asRequestFailure(ex);
			failed(pending, failure, this.lifecycle.backoff(before, 0, startedAt, this.clock.instant(), failure),
					Duration.ofNanos(System.nanoTime() - startNanos));
		});
		self.set(subscription);
		if (!this.inFlight.add(subscription) || subscription.isDisposed()) {
			// Closed meanwhile (the composite disposed it), or ended before it was recorded.
			this.inFlight.remove(subscription);
		}
	}

	private void obtained(Sinks.One<EasemobToken> pending, EasemobToken token, Instant obtainedAt, boolean requested,
			Duration elapsed) {
		Current next = update((s) -> this.lifecycle.obtained(s, token, obtainedAt, requested, this.clock.instant()));
		schedule(next.state());
		if (requested) {
			tell(() -> this.listener.tokenObtained(token, elapsed));
			reportShortLifetime(obtainedAt, token.expiresAt().orElse(null));
		}
		if (logger.isInfoEnabled()) {
			TokenState.HeldToken held = next.state().held();
			Instant refreshAt = (held != null) ? held.refreshAt() : null;
			logger.info("Obtained Easemob app token " + token.redacted() + " for " + this.appKey
					+ (requested ? "" : " from " + this.store) + ", expires "
					+ token.expiresAt().map((at) -> "at " + at).orElse("never")
					+ ((refreshAt != null) ? ", refresh from " + refreshAt : ""));
		}
		pending.tryEmitValue(token);
	}

	private void failed(Sinks.One<EasemobToken> pending, EasemobTokenRequestException failure,
			TokenLifecycle.Backoff backoff, Duration elapsed) {
		Current next = update((s) -> this.lifecycle.failed(s, failure, backoff));
		schedule(next.state());
		tell(() -> this.listener.tokenRequestFailed(failure, elapsed));
		if (logger.isWarnEnabled()) {
			TokenState s = next.state();
			TokenState.HeldToken held = s.held();
			logger.warn("Easemob token request for " + this.appKey + " failed (" + s.failures() + " in a row): "
					+ failure.getMessage() + "; next request not before " + s.nextAttemptAt()
					+ ((held != null && held.isValidAt(this.clock.instant())) ? "; still using token "
							+ held.token().redacted() + " until it expires at " + held.expiresAt() : ""));
		}
		pending.tryEmitError(failure);
	}

	private void deferred(Sinks.One<EasemobToken> pending, TokenAcquisition.Outcome.Deferred deferred) {
		Current next = update((s) -> this.lifecycle.deferred(s, deferred.until(), deferred.cause()));
		schedule(next.state());
		Instant nextAttemptAt = next.state().nextAttemptAt();
		if (logger.isDebugEnabled()) {
			logger.debug("Easemob token request for " + this.appKey + " held back by " + this.store + " until "
					+ nextAttemptAt);
		}
		EasemobTokenRequestException cause = deferred.cause();
		pending.tryEmitError((cause != null) ? unavailable(cause.getMessage(), cause)
				: unavailable(String.valueOf(deferred.why()), null));
	}

	/** Move to the next state; the request in flight stays recorded while the state says one is. */
	private Current update(UnaryOperator<TokenState> transition) {
		Current c = this.current.get();
		while (true) {
			TokenState state = transition.apply(c.state());
			Current next = c.next(state, state.requesting() ? c.pending() : null);
			if (this.current.compareAndSet(c, next)) {
				return next;
			}
			c = this.current.get();
		}
	}

	/**
	 * Listeners are told after the state moved on (and the timer, which may start the next
	 * request, was set) but before callers resume, so metrics agree with what callers saw.
	 */
	private void tell(Runnable notification) {
		try {
			notification.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Easemob token lifecycle listener failed", ex);
		}
	}

	@Override
	public void invalidate(EasemobToken rejected) {
		Instant now = this.clock.instant();
		Current c = this.current.get();
		while (true) {
			switch (this.lifecycle.rejection(c.state(), rejected, now)) {
				case NOT_CURRENT -> {
					return;
				}
				case KEPT -> {
					tell(() -> this.listener.tokenRejected(rejected, false));
					reportFreshRejection(rejected);
					return;
				}
				case DROPPED -> {
					if (this.current.compareAndSet(c, c.next(this.lifecycle.dropped(c.state(), now), c.pending()))) {
						tell(() -> this.listener.tokenRejected(rejected, true));
						this.acquisition.forget(rejected);
						logger.info("Easemob rejected app token " + rejected.redacted() + " for " + this.appKey
								+ " (HTTP 401); the next call requests a new one");
						return;
					}
				}
			}
			c = this.current.get();
		}
	}

	private void reportFreshRejection(EasemobToken rejected) {
		if (this.freshRejectionReported.getAndSet(rejected) != rejected && logger.isWarnEnabled()) {
			logger.warn("Easemob rejected app token " + rejected.redacted() + " for " + this.appKey
					+ " (HTTP 401) less than " + this.keys.key("token.min-request-interval") + " ("
					+ this.lifecycle.policy().minRequestInterval()
					+ ") after it was issued; keeping it rather than asking again so soon. A token this fresh "
					+ "is not rejected for its age: check that " + this.keys.key("host") + " is the app's REST host");
		}
	}

	private void reportShortLifetime(Instant obtainedAt, @Nullable Instant expiresAt) {
		if (expiresAt != null && this.lifecycle.isShortLived(obtainedAt, expiresAt)
				&& this.shortLifetimeReported.compareAndSet(false, true)) {
			String floor = this.keys.key("token.min-request-interval");
			logger.warn("Easemob app tokens for " + this.appKey + " live " + Duration.between(obtainedAt, expiresAt)
					+ ", less than twice " + floor + " (" + this.lifecycle.policy().minRequestInterval()
					+ "), so calls will find no valid token between expiry and the next allowed request. Lower "
					+ floor + ", or request longer tokens with " + this.keys.key("ttl"));
		}
	}

	private void schedule(TokenState s) {
		Instant wakeUpAt = this.lifecycle.wakeUpAt(s);
		if (wakeUpAt == null) {
			return;
		}
		WakeUp next = new WakeUp();
		long delay = Math.max(0, Duration.between(this.clock.instant(), wakeUpAt).toMillis());
		try {
			next.task = this.scheduler.schedule(next, delay, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Without a timer nothing would clear 'fresh': fall back to reading the clock.
			update(this.lifecycle::untimed);
			logger.debug("Easemob token refresh timer not scheduled: the scheduler is shut down", ex);
			return;
		}
		WakeUp previous = this.timer.getAndSet(next);
		if (previous != null) {
			previous.cancel();
		}
		if (this.current.get().state().closed()) {
			next.cancel();
		}
	}

	private void wakeUp() {
		Instant now = this.clock.instant();
		Current c = update((s) -> this.lifecycle.due(s, now));
		while (this.lifecycle.decide(c.state(), now).starts()) {
			if (start(c, now) != null) {
				return;
			}
			c = this.current.get();
		}
		schedule(c.state());
	}

	/**
	 * One run of the refresh timer. Whoever claims it first either runs it or cancels it,
	 * so a timer replaced from another thread is never interrupted half-way.
	 */
	private final class WakeUp implements Runnable {

		private final AtomicBoolean claimed = new AtomicBoolean();

		private volatile Disposable task = Disposables.disposed();

		@Override
		public void run() {
			if (this.claimed.compareAndSet(false, true)) {
				wakeUp();
			}
		}

		void cancel() {
			if (this.claimed.compareAndSet(false, true)) {
				this.task.dispose();
			}
		}

	}

	private EasemobTokenUnavailableException unavailable(String why, @Nullable EasemobTokenRequestException cause) {
		Instant next = this.current.get().state().nextAttemptAt();
		return new EasemobTokenUnavailableException("No Easemob app token for " + this.appKey + ": " + why
				+ ((next != null) ? "; next token request not before " + next : ""), cause, next);
	}

	private EasemobTokenUnavailableException unavailable(TokenState s, Instant now) {
		if (s.closed()) {
			return new EasemobTokenUnavailableException(
					"No Easemob app token for " + this.appKey + ": the token provider is closed", s.lastFailure(), null);
		}
		String floor = this.keys.key("token.min-request-interval");
		String why;
		if (s.lastFailure() != null) {
			why = s.lastFailure().getMessage();
		}
		else if (s.held() != null) {
			why = "the token expired at " + s.held().expiresAt() + " and " + floor + " holds the next request back";
		}
		else {
			why = "the last token was rejected and " + floor + " holds the next request back";
		}
		Instant next = s.nextAttemptAt();
		return new EasemobTokenUnavailableException("No Easemob app token for " + this.appKey + ": " + why
				+ ((next != null) ? "; next token request not before " + next + " (in " + Duration.between(now, next)
						+ ")" : ""),
				s.lastFailure(), next);
	}

	/**
	 * The app whose token this provider holds.
	 * @return the app key, {@code org#app}
	 */
	public String appKey() {
		return this.appKey;
	}

	/**
	 * A snapshot of the lifecycle for health checks and gauges.
	 * @return the status
	 */
	public TokenStatus status() {
		TokenState s = this.current.get().state();
		Instant now = this.clock.instant();
		TokenState.HeldToken held = s.held();
		TokenStatus.State state;
		if (held != null && held.expiresAt() == null) {
			state = TokenStatus.State.PERMANENT;
		}
		else if (s.hasValidTokenAt(now)) {
			state = TokenStatus.State.VALID;
		}
		else if (s.isUntouched()) {
			state = TokenStatus.State.NOT_YET_OBTAINED;
		}
		else {
			state = TokenStatus.State.NO_VALID_TOKEN;
		}
		return new TokenStatus(state, (held != null) ? held.expiresAt() : null, s.lastFailure(), s.failures(),
				s.nextAttemptAt(), s.requesting(), now, this.acquisition.storeProblem());
	}

	/**
	 * Stop the refresh timer and cancel the request in flight; callers waiting for it get
	 * an {@link EasemobTokenUnavailableException}. A cached token is still served, its
	 * expiry read from the clock.
	 */
	@Override
	public void close() {
		Current closed = update(this.lifecycle::closed);
		WakeUp wakeUp = this.timer.get();
		if (wakeUp != null) {
			wakeUp.cancel();
		}
		this.inFlight.dispose();
		// An attempt recorded before the close is in 'closed'; one decided on an older state
		// cannot be recorded any more, as the close changed the state it would swap.
		Sinks.One<EasemobToken> pending = closed.pending();
		if (pending != null) {
			pending.tryEmitError(unavailable(closed.state(), this.clock.instant()));
		}
	}

	@Override
	public String toString() {
		return "CachingEasemobTokenProvider[" + this.appKey + ", " + status().state() + "]";
	}

}
