package io.github.easemobtoken.user;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.easemobtoken.EasemobUserToken;
import io.github.easemobtoken.EasemobUserTokenException;
import io.github.easemobtoken.EasemobUserTokens;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * An app's user tokens: issued through its {@link UserTokenEndpoint}, one request at a time
 * per username (concurrent calls for one user share it, which also spares Easemob the 409
 * of two creations of one new user), each observed as {@code easemob.user-token.request};
 * or signed by its {@link DynamicUserTokenSigner}.
 *
 * @author easemob-token
 */
public final class DefaultEasemobUserTokens implements EasemobUserTokens {

	/** The observation of each user-token request. */
	public static final String OBSERVATION = "easemob.user-token.request";

	private final String appKey;

	private final UserTokenEndpoint endpoint;

	private final DynamicUserTokenSigner signer;

	private final Duration dynamicTtl;

	private final UserTokenListener listener;

	private final ObservationRegistry observations;

	private final Scheduler clock;

	private final Map<String, Mono<EasemobUserToken>> inFlight = new ConcurrentHashMap<>();

	/**
	 * Create an app's user tokens.
	 * @param appKey the app, {@code org#app}
	 * @param endpoint the client of the inherit grant
	 * @param signer the signer of dynamic tokens
	 * @param dynamicTtl the lifetime of {@link #dynamic(String)}'s tokens
	 * @param listener told of every token and failure
	 * @param observations where the requests are observed
	 * @param clock the clock of the elapsed times
	 */
	public DefaultEasemobUserTokens(String appKey, UserTokenEndpoint endpoint, DynamicUserTokenSigner signer,
			Duration dynamicTtl, UserTokenListener listener, ObservationRegistry observations, Scheduler clock) {
		this.appKey = appKey;
		this.endpoint = endpoint;
		this.signer = signer;
		this.dynamicTtl = dynamicTtl;
		this.listener = listener;
		this.observations = observations;
		this.clock = clock;
	}

	@Override
	public Mono<EasemobUserToken> issue(String username) {
		UserTokenArguments.requireUsername(username);
		return Mono.defer(() -> this.inFlight.computeIfAbsent(username, this::request));
	}

	private Mono<EasemobUserToken> request(String username) {
		AtomicReference<Mono<EasemobUserToken>> self = new AtomicReference<>();
		// Forgotten before the answer reaches the callers: a call after it asks again, never for a used answer.
		Mono<EasemobUserToken> shared = observed(username)
			.doOnEach((signal) -> this.inFlight.remove(username, self.get()))
			.doOnCancel(() -> this.inFlight.remove(username, self.get()))
			.cache();
		self.set(shared);
		return shared;
	}

	private Mono<EasemobUserToken> observed(String username) {
		return Mono.defer(() -> {
			long started = this.clock.now(TimeUnit.NANOSECONDS);
			Observation observation = Observation.createNotStarted(OBSERVATION, this.observations)
				.contextualName("easemob user token request")
				.lowCardinalityKeyValue("app", this.appKey)
				.start();
			return this.endpoint.issue(username).doOnSuccess((token) -> {
				observation.lowCardinalityKeyValue("outcome", "success").stop();
				this.listener.issued(token, since(started));
			}).doOnError((ex) -> {
				observation.lowCardinalityKeyValue("outcome", "failure").error(ex).stop();
				if (ex instanceof EasemobUserTokenException failure) {
					this.listener.failed(failure, since(started));
				}
			}).doOnCancel(observation::stop);
		});
	}

	private Duration since(long started) {
		return Duration.ofNanos(this.clock.now(TimeUnit.NANOSECONDS) - started);
	}

	@Override
	public EasemobUserToken dynamic(String username) {
		return dynamic(username, this.dynamicTtl);
	}

	@Override
	public EasemobUserToken dynamic(String username, Duration ttl) {
		EasemobUserToken token = this.signer.sign(username, ttl);
		this.listener.signed(token);
		return token;
	}

	@Override
	public String toString() {
		return "EasemobUserTokens[" + this.appKey + "]";
	}

}
