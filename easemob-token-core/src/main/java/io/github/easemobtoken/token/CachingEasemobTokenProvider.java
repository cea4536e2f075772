package io.github.easemobtoken.token;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.EasemobTokenRequestException;
import io.github.easemobtoken.EasemobTokenUnavailableException;
import io.github.easemobtoken.store.TokenStore;
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

	private final TokenLifecycle lifecycle;

	private final TokenAcquisition acquisition;

	private final TokenStore store;

	private final TokenLifecycleListener listener;

	private final InstantSource clock;

	private final Scheduler scheduler;

	private final String appKey;

	private final TokenLifecycleLog log;

	private final RefreshTimer timer;

	private final AtomicReference<Current> current = new AtomicReference<>(Current.INITIAL);

	/** The attempts in flight, for {@link #close()} to cancel; a newer one is never cancelled by an older. */
	private final Disposable.Composite inFlight = Disposables.composite();

	private final Mono<EasemobToken> token = new CurrentToken();

	CachingEasemobTokenProvider(CachingEasemobTokenProviderBuilder builder, EasemobTokenEndpoint endpoint) {
		this.lifecycle = new TokenLifecycle(builder.policy);
		this.store = builder.store;
		this.listener = builder.listener;
		this.clock = builder.clock;
		this.scheduler = builder.scheduler;
		this.appKey = endpoint.app().appKey();
		this.log = new TokenLifecycleLog(this.appKey, builder.keys, builder.policy.minRequestInterval());
		this.timer = new RefreshTimer(builder.scheduler, builder.clock);
		this.acquisition = new TokenAcquisition(endpoint.withClock(builder.clock).withSettingKeys(builder.keys), builder.store, this.lifecycle,
				builder.listener, builder.clock, builder.storeTimeout, builder.observations, builder.keys,
				builder.timeoutScheduler);
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
	 * The state, with what the hot path and the waiting callers need beside it: whether the
	 * token is fresh and the token itself (copied here, so the hot path reads one object),
	 * the token as a ready {@code Mono} (built once per token, so the hot path allocates
	 * nothing) and the request in flight.
	 */
	private record Current(TokenState state, boolean fresh, @Nullable EasemobToken token,
			@Nullable Mono<EasemobToken> tokenMono, Sinks.@Nullable One<EasemobToken> pending) {

		static final Current INITIAL = new Current(TokenState.INITIAL, false, null, null, null);

		Current next(TokenState next, Sinks.@Nullable One<EasemobToken> pending) {
			EasemobToken token = next.token();
			Mono<EasemobToken> mono = (token == null) ? null
					: (token == this.token && this.tokenMono != null) ? this.tokenMono : Mono.just(token);
			return new Current(next, next.fresh(), token, mono, pending);
		}

	}

	@Override
	public Mono<EasemobToken> getToken() {
		return this.token;
	}

	@Override
	public @Nullable EasemobToken getFreshToken() {
		Current c = this.current.get();
		return c.fresh ? c.token : null;
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
		if (c.fresh) {
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
				case FAIL -> Mono.error(this.log.unavailable(c.state(), now));
			};
		}
	}

	/** The request in flight; waiters resume on the scheduler, not on the I/O thread that got the token. */
	private Mono<EasemobToken> waitFor(Sinks.@Nullable One<EasemobToken> pending) {
		if (pending == null) {
			return Mono.error(this.log.unavailable(this.current.get().state(), this.clock.instant()));
		}
		return pending.asMono()
			.publishOn(this.scheduler)
			.onErrorMap(EasemobTokenRequestException.class, (failure) -> this.log.unavailable(
					String.valueOf(failure.getMessage()), failure, this.current.get().state().nextAttemptAt()));
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
			Instant expiresAt = token.expiresAt().orElse(null);
			if (expiresAt != null && this.lifecycle.isShortLived(obtainedAt, expiresAt)) {
				this.log.shortLived(obtainedAt, expiresAt);
			}
		}
		this.log.obtained(token, requested ? null : this.store, next.state());
		pending.tryEmitValue(token);
	}

	private void failed(Sinks.One<EasemobToken> pending, EasemobTokenRequestException failure,
			TokenLifecycle.Backoff backoff, Duration elapsed) {
		Current next = update((s) -> this.lifecycle.failed(s, failure, backoff));
		schedule(next.state());
		tell(() -> this.listener.tokenRequestFailed(failure, elapsed));
		this.log.failed(failure, next.state(), this.clock.instant());
		pending.tryEmitError(failure);
	}

	private void deferred(Sinks.One<EasemobToken> pending, TokenAcquisition.Outcome.Deferred deferred) {
		Current next = update((s) -> this.lifecycle.deferred(s, deferred.until(), deferred.cause()));
		schedule(next.state());
		this.log.deferred(this.store, next.state());
		EasemobTokenRequestException cause = deferred.cause();
		String why = (cause != null) ? String.valueOf(cause.getMessage()) : String.valueOf(deferred.why());
		pending.tryEmitError(this.log.unavailable(why, cause, next.state().nextAttemptAt()));
	}

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
			this.log.listenerFailed(ex);
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
					this.log.kept(rejected);
					return;
				}
				case DROPPED -> {
					if (this.current.compareAndSet(c, c.next(this.lifecycle.dropped(c.state(), now), c.pending()))) {
						tell(() -> this.listener.tokenRejected(rejected, true));
						this.acquisition.forget(rejected);
						this.log.dropped(rejected);
						return;
					}
				}
			}
			c = this.current.get();
		}
	}

	private void schedule(TokenState s) {
		Instant wakeUpAt = this.lifecycle.wakeUpAt(s);
		if (wakeUpAt == null) {
			return;
		}
		try {
			this.timer.wakeUpAt(wakeUpAt, this::wakeUp);
		}
		catch (RejectedExecutionException ex) {
			// Without a timer nothing would clear 'fresh': fall back to reading the clock.
			update(this.lifecycle::untimed);
			this.log.untimed(ex);
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
		return this.lifecycle.status(this.current.get().state(), this.clock.instant(), this.acquisition.storeProblem());
	}

	/**
	 * Stop the refresh timer and cancel the request in flight; callers waiting for it get
	 * an {@link EasemobTokenUnavailableException}. A cached token is still served, its
	 * expiry read from the clock.
	 */
	@Override
	public void close() {
		Current closed = update(this.lifecycle::closed);
		this.timer.stop();
		this.inFlight.dispose();
		// An attempt recorded before the close is in 'closed'; one decided on an older state
		// cannot be recorded any more: update() always swaps in a new Current, so the
		// compare-and-set of that attempt fails.
		Sinks.One<EasemobToken> pending = closed.pending();
		if (pending != null) {
			pending.tryEmitError(this.log.unavailable(closed.state(), this.clock.instant()));
		}
	}

	@Override
	public String toString() {
		return "CachingEasemobTokenProvider[" + this.appKey + ", " + status().state() + "]";
	}

}
