package io.github.easemobtoken.token;

import java.time.Duration;
import java.time.InstantSource;

import io.github.easemobtoken.EasemobSettingKeys;
import io.github.easemobtoken.store.InMemoryTokenStore;
import io.github.easemobtoken.store.TokenStore;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Builds a {@link CachingEasemobTokenProvider}: the one place where a provider is
 * assembled. Defaults: no shared store, the default policy ({@link TokenPolicy}'s
 * defaults), no listener, the system clock, Reactor's parallel scheduler, a 500 ms store
 * timeout, and the keys of the app {@code default} in messages.
 *
 * @author easemob-token
 */
public final class CachingEasemobTokenProviderBuilder {

	private final EasemobTokenEndpoint endpoint;

	TokenStore store = new InMemoryTokenStore();

	TokenPolicy policy = new TokenPolicy(TokenPolicy.DEFAULT_REFRESH_BEFORE_EXPIRY,
			TokenPolicy.DEFAULT_MIN_REQUEST_INTERVAL, TokenPolicy.DEFAULT_MAX_BACKOFF);

	TokenLifecycleListener listener = TokenLifecycleListener.NONE;

	InstantSource clock = InstantSource.system();

	Scheduler scheduler = Schedulers.parallel();

	Scheduler timeoutScheduler = Schedulers.parallel();

	Duration storeTimeout = Duration.ofMillis(500);

	ObservationRegistry observations = ObservationRegistry.NOOP;

	EasemobSettingKeys keys = EasemobSettingKeys.DEFAULT;

	CachingEasemobTokenProviderBuilder(EasemobTokenEndpoint endpoint) {
		this.endpoint = endpoint;
	}

	/**
	 * Where the token is shared, and who may request the next one.
	 * @param store the store
	 * @return this builder
	 */
	public CachingEasemobTokenProviderBuilder store(TokenStore store) {
		this.store = store;
		return this;
	}

	/**
	 * When to refresh and how to back off.
	 * @param policy the policy
	 * @return this builder
	 */
	public CachingEasemobTokenProviderBuilder policy(TokenPolicy policy) {
		this.policy = policy;
		return this;
	}

	/**
	 * Told of every request, rejection and store failure.
	 * @param listener the listener
	 * @return this builder
	 */
	public CachingEasemobTokenProviderBuilder listener(TokenLifecycleListener listener) {
		this.listener = listener;
		return this;
	}

	/**
	 * The source of the current time, for token instants, the floor and backoff. The
	 * endpoint reads it too: expiry instants and the decisions made on them must come from
	 * one clock.
	 * @param clock the clock
	 * @return this builder
	 */
	public CachingEasemobTokenProviderBuilder clock(InstantSource clock) {
		this.clock = clock;
		return this;
	}

	/**
	 * Runs the refresh timer and the callers that waited for a token: on the same time as
	 * the {@link #clock(InstantSource) clock} (a virtual-time scheduler in tests). The
	 * auto-configuration gives every provider of a context one it owns and disposes of with
	 * the context.
	 * @param scheduler the scheduler
	 * @return this builder
	 */
	public CachingEasemobTokenProviderBuilder scheduler(Scheduler scheduler) {
		this.scheduler = scheduler;
		return this;
	}

	/**
	 * Times the token request and the store operations, which wait on real I/O: real time
	 * even when the {@link #scheduler(Scheduler) scheduler} is virtual. Reactor's parallel
	 * scheduler unless set; the auto-configuration gives the context's own.
	 * @param timeoutScheduler the scheduler
	 * @return this builder
	 */
	public CachingEasemobTokenProviderBuilder timeoutScheduler(Scheduler timeoutScheduler) {
		this.timeoutScheduler = timeoutScheduler;
		return this;
	}

	/**
	 * The longest one operation on the store may take before the provider carries on
	 * without it.
	 * @param storeTimeout the timeout
	 * @return this builder
	 */
	public CachingEasemobTokenProviderBuilder storeTimeout(Duration storeTimeout) {
		this.storeTimeout = storeTimeout;
		return this;
	}

	/**
	 * Where the observation {@code easemob.token.request} of every token request goes (a
	 * span in a tracing backend); none unless set.
	 * @param observations the registry
	 * @return this builder
	 */
	public CachingEasemobTokenProviderBuilder observationRegistry(ObservationRegistry observations) {
		this.observations = observations;
		return this;
	}

	/**
	 * The app's property keys, which messages name when they say what to change.
	 * @param keys the keys
	 * @return this builder
	 */
	public CachingEasemobTokenProviderBuilder settingKeys(EasemobSettingKeys keys) {
		this.keys = keys;
		return this;
	}

	/**
	 * Build the provider.
	 * @return the provider
	 */
	public CachingEasemobTokenProvider build() {
		return new CachingEasemobTokenProvider(this, this.endpoint);
	}

}
