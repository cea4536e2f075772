package io.github.easemobtoken.token;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.EasemobTokenRequestException;
import io.github.easemobtoken.EasemobTokenUnavailableException;
import io.github.easemobtoken.store.InMemoryTokenStore;
import io.github.easemobtoken.store.TokenStore;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The token lifecycle for one app: a cached token served without a lock, one request in
 * flight at a time, a refresh ahead of expiry (on a timer as well, so it happens without
 * traffic), exponential backoff with jitter after failures while a still-valid token
 * keeps being served, and {@link TokenPolicy#minRequestInterval() a floor} between two
 * requests whatever happens.
 * <p>
 * All decisions read one immutable {@link TokenState} and move to the next with a
 * compare-and-set; the request in flight is a {@link Sinks.One} that callers without a
 * valid token wait on. {@link #close()} cancels the timer and the request in flight.
 *
 * @author easemob-token
 */
public final class CachingEasemobTokenProvider implements EasemobTokenProvider, AutoCloseable {

	private static final Log logger = LogFactory.getLog(CachingEasemobTokenProvider.class);

	private final TokenAcquisition acquisition;

	private final TokenStore store;

	private final TokenPolicy policy;

	private final TokenLifecycleListener listener;

	private final InstantSource clock;

	private final Scheduler scheduler;

	private final String appKey;

	private final AtomicReference<TokenState> state = new AtomicReference<>(TokenState.INITIAL);

	private final AtomicReference<@Nullable WakeUp> timer = new AtomicReference<>();

	/**
	 * The attempt in flight, for {@link #close()} to cancel. A composite, not a swap: an
	 * attempt that ended fast lets the next one start on another thread before the first
	 * thread has recorded its own, and replacing must never cancel the newer one.
	 */
	private final Disposable.Composite inFlight = Disposables.composite();

	private final Mono<EasemobToken> token = new CurrentToken();

	private final AtomicBoolean shortLifetimeReported = new AtomicBoolean();

	private final AtomicReference<@Nullable EasemobToken> freshRejectionReported = new AtomicReference<>();

	private volatile boolean closed;

	private CachingEasemobTokenProvider(Builder builder) {
		this.store = builder.store;
		this.policy = builder.policy;
		this.listener = builder.listener;
		this.clock = builder.clock;
		this.scheduler = builder.scheduler;
		this.appKey = builder.endpoint.app().appKey();
		this.acquisition = new TokenAcquisition(builder.endpoint.withClock(builder.clock), builder.store,
				builder.policy, builder.listener, builder.clock, builder.storeTimeout, builder.observations);
	}

	/**
	 * Start building a provider for the app of {@code endpoint}.
	 * @param endpoint the client of the app's token endpoint
	 * @return the builder
	 */
	public static Builder builder(EasemobTokenEndpoint endpoint) {
		return new Builder(endpoint);
	}

	@Override
	public Mono<EasemobToken> getToken() {
		return this.token;
	}

	@Override
	public @Nullable EasemobToken getFreshToken() {
		TokenState s = this.state.get();
		return s.fresh ? s.token : null;
	}

	/** Decides at subscription time, so a {@code Mono} kept for later is never stale. */
	private final class CurrentToken extends Mono<EasemobToken> {

		@Override
		public void subscribe(CoreSubscriber<? super EasemobToken> actual) {
			current().subscribe(actual);
		}

	}

	private Mono<EasemobToken> current() {
		TokenState s = this.state.get();
		if (s.fresh) {
			return s.tokenMono;
		}
		long now = this.clock.millis();
		if (now < s.refreshAt) {
			return s.tokenMono;
		}
		s = startRequestIfAllowed(s, now);
		if (s.isValidAt(now)) {
			return s.tokenMono;
		}
		Sinks.One<EasemobToken> pending = s.pending;
		if (pending != null) {
			// Waiters resume on the scheduler, not on the I/O thread that got the token: calls
			// they then make would all open their connections on that one event loop.
			return pending.asMono()
				.publishOn(this.scheduler)
				.onErrorMap(EasemobTokenRequestException.class, this::unavailableAfter)
				.onErrorMap(FleetHoldsRequest.class, this::unavailableAfter);
		}
		return Mono.error(unavailable(s, now));
	}

	private TokenState startRequestIfAllowed(TokenState s, long now) {
		while (s.isDueAt(now) && s.pending == null && now >= s.nextAttemptAt && !this.closed) {
			Sinks.One<EasemobToken> pending = Sinks.one();
			TokenState requesting = s.requesting(pending, now + this.policy.minRequestInterval());
			if (this.state.compareAndSet(s, requesting)) {
				send(s, pending, now);
				return requesting;
			}
			s = this.state.get();
		}
		return s;
	}

	/**
	 * Start the attempt. The floor is set before it starts, as a request may leave;
	 * when none did (a token taken from the store, the fleet holding the request back),
	 * the floor goes back to what it was.
	 */
	private void send(TokenState before, Sinks.One<EasemobToken> pending, long startedAt) {
		long startNanos = System.nanoTime();
		AtomicReference<@Nullable Disposable> self = new AtomicReference<>();
		Disposable subscription = this.acquisition.acquire(before, startedAt).doFinally((signal) -> {
			Disposable done = self.get();
			if (done != null) {
				this.inFlight.remove(done);
			}
		}).subscribe((outcome) -> {
			if (outcome instanceof TokenAcquisition.Outcome.Requested requested) {
				succeeded(pending, requested.token(), true, startedAt, startedAt + this.policy.minRequestInterval(),
						startNanos);
			}
			else if (outcome instanceof TokenAcquisition.Outcome.Adopted adopted) {
				succeeded(pending, adopted.token(), false, adopted.obtainedAt(), before.nextAttemptAt, startNanos);
			}
			else if (outcome instanceof TokenAcquisition.Outcome.Failed failed) {
				failed(pending, failed.failure(), failed.nextAttemptAt(), failed.failures(), startNanos);
			}
			else if (outcome instanceof TokenAcquisition.Outcome.Deferred deferred) {
				deferred(pending, deferred, before.nextAttemptAt);
			}
		}, (ex) -> failed(pending, this.acquisition.asRequestFailure(ex),
				Math.max(startedAt + this.policy.minRequestInterval(), this.clock.millis() + this.policy.maxBackoff()),
				before.failures + 1, startNanos));
		self.set(subscription);
		this.inFlight.add(subscription);
		if (subscription.isDisposed()) {
			// Ended before it was recorded: doFinally found nothing to remove.
			this.inFlight.remove(subscription);
		}
	}

	private void succeeded(Sinks.One<EasemobToken> pending, EasemobToken token, boolean requested, long obtainedAt,
			long nextAttemptAt, long startNanos) {
		long expiresAt = expiresAt(token);
		long now = this.clock.millis();
		TokenState next = this.state.updateAndGet((s) -> s.obtained(token, obtainedAt, expiresAt,
				this.policy.scheduledRefreshAt(obtainedAt, expiresAt), nextAttemptAt, now));
		schedule(next);
		if (requested) {
			tell(() -> this.listener.tokenObtained(token, Duration.ofNanos(System.nanoTime() - startNanos)));
			reportShortLifetime(obtainedAt, expiresAt);
		}
		if (logger.isInfoEnabled()) {
			logger.info("Obtained Easemob app token " + token.redacted() + " for " + this.appKey
					+ (requested ? "" : " from " + this.store) + ", expires "
					+ ((expiresAt == Long.MAX_VALUE) ? "never" : "at " + Instant.ofEpochMilli(expiresAt))
					+ ((next.refreshAt == Long.MAX_VALUE) ? ""
							: ", refresh from " + Instant.ofEpochMilli(next.refreshAt)));
		}
		pending.tryEmitValue(token);
	}

	private void failed(Sinks.One<EasemobToken> pending, EasemobTokenRequestException failure, long nextAttemptAt,
			int failures, long startNanos) {
		long now = this.clock.millis();
		TokenState next = this.state.updateAndGet((s) -> s.failed(failure, nextAttemptAt, failures));
		schedule(next);
		tell(() -> this.listener.tokenRequestFailed(failure, Duration.ofNanos(System.nanoTime() - startNanos)));
		if (logger.isWarnEnabled()) {
			logger.warn("Easemob token request for " + this.appKey + " failed (" + next.failures + " in a row): "
					+ failure.getMessage() + "; next request not before " + Instant.ofEpochMilli(next.nextAttemptAt)
					+ (next.isValidAt(now) && next.token != null
							? "; still using token " + next.token.redacted() + " until it expires at "
									+ Instant.ofEpochMilli(next.expiresAt)
							: ""));
		}
		pending.tryEmitError(failure);
	}

	private void deferred(Sinks.One<EasemobToken> pending, TokenAcquisition.Outcome.Deferred deferred,
			long priorNextAttemptAt) {
		TokenState next = this.state
			.updateAndGet((s) -> s.deferred(Math.max(priorNextAttemptAt, deferred.until()), deferred.cause()));
		schedule(next);
		if (logger.isDebugEnabled()) {
			logger.debug("Easemob token request for " + this.appKey + " held back by " + this.store + " until "
					+ Instant.ofEpochMilli(next.nextAttemptAt));
		}
		EasemobTokenRequestException cause = deferred.cause();
		pending.tryEmitError((cause != null) ? cause
				: new FleetHoldsRequest(String.valueOf(deferred.why()), next.nextAttemptAt));
	}

	/** Carries why the fleet held the request back to the callers that waited for it. */
	private static final class FleetHoldsRequest extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final long nextAttemptAt;

		FleetHoldsRequest(String why, long nextAttemptAt) {
			super(why, null, false, false);
			this.nextAttemptAt = nextAttemptAt;
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
		long now = this.clock.millis();
		TokenState s = this.state.get();
		while (s.token != null && s.token.accessToken().equals(rejected.accessToken())) {
			if (now - s.obtainedAt < this.policy.minRequestInterval()) {
				tell(() -> this.listener.tokenRejected(rejected, false));
				reportFreshRejection(rejected);
				return;
			}
			if (this.state.compareAndSet(s, s.withoutToken())) {
				tell(() -> this.listener.tokenRejected(rejected, true));
				this.acquisition.forget(rejected);
				logger.info("Easemob rejected app token " + rejected.redacted() + " for " + this.appKey
						+ " (HTTP 401); the next call requests a new one");
				return;
			}
			s = this.state.get();
		}
	}

	private void reportFreshRejection(EasemobToken rejected) {
		if (this.freshRejectionReported.getAndSet(rejected) != rejected && logger.isWarnEnabled()) {
			logger.warn("Easemob rejected app token " + rejected.redacted() + " for " + this.appKey
					+ " (HTTP 401) less than easemob.token.min-request-interval ("
					+ Duration.ofMillis(this.policy.minRequestInterval())
					+ ") after it was issued; keeping it rather than asking again so soon. A token this fresh "
					+ "is not rejected for its age: check that easemob.host is the app's REST host");
		}
	}

	private void reportShortLifetime(long obtainedAt, long expiresAt) {
		long lifetime = expiresAt - obtainedAt;
		if (expiresAt != Long.MAX_VALUE && lifetime < 2 * this.policy.minRequestInterval()
				&& this.shortLifetimeReported.compareAndSet(false, true)) {
			logger.warn("Easemob app tokens for " + this.appKey + " live " + Duration.ofMillis(lifetime)
					+ ", less than twice easemob.token.min-request-interval ("
					+ Duration.ofMillis(this.policy.minRequestInterval())
					+ "), so calls will find no valid token between expiry and the next allowed request. "
					+ "Lower easemob.token.min-request-interval, or request longer tokens with easemob.ttl");
		}
	}

	private void schedule(TokenState s) {
		long wakeUpAt = s.wakeUpAt();
		if (this.closed || wakeUpAt == Long.MAX_VALUE) {
			return;
		}
		WakeUp next = new WakeUp();
		try {
			next.task = this.scheduler.schedule(next, Math.max(0, wakeUpAt - this.clock.millis()), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Without a timer nothing would clear 'fresh': fall back to reading the clock.
			this.state.updateAndGet((current) -> (current == s) ? current.due() : current);
			logger.debug("Easemob token refresh timer not scheduled: the scheduler is shut down", ex);
			return;
		}
		WakeUp previous = this.timer.getAndSet(next);
		if (previous != null) {
			previous.cancel();
		}
		if (this.closed) {
			next.cancel();
		}
	}

	private void wakeUp() {
		long now = this.clock.millis();
		TokenState s = this.state.get();
		while (s.fresh && now >= s.refreshAt) {
			TokenState due = s.due();
			s = this.state.compareAndSet(s, due) ? due : this.state.get();
		}
		if (this.closed || s.pending != null) {
			return;
		}
		TokenState after = startRequestIfAllowed(s, now);
		if (after.pending == null) {
			schedule(after);
		}
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

	private EasemobTokenUnavailableException unavailableAfter(EasemobTokenRequestException failure) {
		Instant next = Instant.ofEpochMilli(this.state.get().nextAttemptAt);
		return new EasemobTokenUnavailableException("No Easemob app token for " + this.appKey + ": "
				+ failure.getMessage() + "; next token request not before " + next, failure, next);
	}

	private EasemobTokenUnavailableException unavailableAfter(FleetHoldsRequest held) {
		Instant next = Instant.ofEpochMilli(held.nextAttemptAt);
		return new EasemobTokenUnavailableException("No Easemob app token for " + this.appKey + ": "
				+ held.getMessage() + "; next token request not before " + next, null, next);
	}

	private EasemobTokenUnavailableException unavailable(TokenState s, long now) {
		if (this.closed) {
			return new EasemobTokenUnavailableException(
					"No Easemob app token for " + this.appKey + ": the token provider is closed", s.lastFailure, null);
		}
		Instant next = Instant.ofEpochMilli(s.nextAttemptAt);
		String why;
		if (s.lastFailure != null) {
			why = s.lastFailure.getMessage();
		}
		else if (s.token != null) {
			why = "the token expired at " + Instant.ofEpochMilli(s.expiresAt)
					+ " and easemob.token.min-request-interval holds the next request back";
		}
		else {
			why = "the last token was rejected and easemob.token.min-request-interval holds the next request back";
		}
		return new EasemobTokenUnavailableException("No Easemob app token for " + this.appKey + ": " + why
				+ "; next token request not before " + next + " (in " + Duration.ofMillis(s.nextAttemptAt - now) + ")",
				s.lastFailure, next);
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
		TokenState s = this.state.get();
		long now = this.clock.millis();
		TokenStatus.State state;
		if (s.token != null && s.expiresAt == Long.MAX_VALUE) {
			state = TokenStatus.State.PERMANENT;
		}
		else if (s.isValidAt(now)) {
			state = TokenStatus.State.VALID;
		}
		else if (s.obtainedAt == Long.MIN_VALUE && s.lastFailure == null) {
			state = TokenStatus.State.NOT_YET_OBTAINED;
		}
		else {
			state = TokenStatus.State.NO_VALID_TOKEN;
		}
		return new TokenStatus(state,
				(s.token != null && s.expiresAt != Long.MAX_VALUE) ? Instant.ofEpochMilli(s.expiresAt) : null,
				s.lastFailure, s.failures,
				(s.nextAttemptAt != Long.MIN_VALUE) ? Instant.ofEpochMilli(s.nextAttemptAt) : null, s.pending != null,
				Instant.ofEpochMilli(now), this.acquisition.storeProblem());
	}

	/**
	 * Stop the refresh timer and cancel the request in flight; callers waiting for it get
	 * an {@link EasemobTokenUnavailableException}. A cached token is still served.
	 */
	@Override
	public void close() {
		this.closed = true;
		WakeUp wakeUp = this.timer.get();
		if (wakeUp != null) {
			wakeUp.cancel();
		}
		// No timer will clear 'fresh' any more: from now on, expiry is read from the clock.
		this.state.updateAndGet((s) -> s.fresh ? s.due() : s);
		this.inFlight.dispose();
		Sinks.One<EasemobToken> pending = this.state.get().pending;
		if (pending != null) {
			pending.tryEmitError(unavailable(this.state.get(), this.clock.millis()));
		}
	}

	private static long expiresAt(EasemobToken token) {
		return token.expiresAt().map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
	}

	@Override
	public String toString() {
		return "CachingEasemobTokenProvider[" + this.appKey + ", " + status().state() + "]";
	}

	/**
	 * Builds a {@link CachingEasemobTokenProvider}: the one place where a provider is
	 * assembled. Defaults: no shared store, the default policy (refresh 5 min ahead, 10 s
	 * floor, 5 min max backoff), no listener, the system clock, Reactor's parallel
	 * scheduler and a 500 ms store timeout.
	 */
	public static final class Builder {

		private final EasemobTokenEndpoint endpoint;

		private TokenStore store = new InMemoryTokenStore();

		private TokenPolicy policy = new TokenPolicy(Duration.ofMinutes(5), Duration.ofSeconds(10),
				Duration.ofMinutes(5));

		private TokenLifecycleListener listener = TokenLifecycleListener.NONE;

		private InstantSource clock = InstantSource.system();

		private Scheduler scheduler = Schedulers.parallel();

		private Duration storeTimeout = Duration.ofMillis(500);

		private ObservationRegistry observations = ObservationRegistry.NOOP;

		private Builder(EasemobTokenEndpoint endpoint) {
			this.endpoint = endpoint;
		}

		/**
		 * Where the token is shared, and who may request the next one.
		 * @param store the store
		 * @return this builder
		 */
		public Builder store(TokenStore store) {
			this.store = store;
			return this;
		}

		/**
		 * When to refresh and how to back off.
		 * @param policy the policy
		 * @return this builder
		 */
		public Builder policy(TokenPolicy policy) {
			this.policy = policy;
			return this;
		}

		/**
		 * Told of every request, rejection and store failure.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(TokenLifecycleListener listener) {
			this.listener = listener;
			return this;
		}

		/**
		 * The source of the current time, for token instants, the floor and backoff. The
		 * endpoint reads it too: expiry instants and the decisions made on them must come
		 * from one clock.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(InstantSource clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Runs the refresh timer, and the callers that waited for a token.
		 * @param scheduler the scheduler
		 * @return this builder
		 */
		public Builder scheduler(Scheduler scheduler) {
			this.scheduler = scheduler;
			return this;
		}

		/**
		 * The longest one operation on the store may take before the provider carries on
		 * without it.
		 * @param storeTimeout the timeout
		 * @return this builder
		 */
		public Builder storeTimeout(Duration storeTimeout) {
			this.storeTimeout = storeTimeout;
			return this;
		}

		/**
		 * Where the observation {@code easemob.token.request} of every token request goes
		 * (a span in a tracing backend); none unless set.
		 * @param observations the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observations) {
			this.observations = observations;
			return this;
		}

		/**
		 * Build the provider.
		 * @return the provider
		 */
		public CachingEasemobTokenProvider build() {
			return new CachingEasemobTokenProvider(this);
		}

	}

}
