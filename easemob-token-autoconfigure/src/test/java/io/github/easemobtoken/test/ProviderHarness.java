package io.github.easemobtoken.test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.easemobtoken.EasemobApp;
import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenRequestException;
import io.github.easemobtoken.EasemobTokenUnavailableException;
import io.github.easemobtoken.store.InMemoryTokenStore;
import io.github.easemobtoken.store.TokenStore;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import io.github.easemobtoken.token.EasemobTokenEndpoint;
import io.github.easemobtoken.token.TokenLifecycleListener;
import io.github.easemobtoken.token.TokenPolicy;
import io.github.easemobtoken.token.TtlUnit;

import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import static io.github.easemobtoken.test.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Drives a real provider against the fake Easemob (or WireMock in front of it) on virtual time, and records what
 * it does: the virtual instant each token request left, and each listener event
 * ({@code obtained …0001}, {@code failed server_error}, {@code rejected …0001 kept}).
 * Policy: refresh 5 min ahead, 10 s floor, 5 min max backoff.
 */
public final class ProviderHarness implements AutoCloseable {

	private final IntSupplier tokenRequests;

	private final VirtualClock clock;

	private final List<Long> requestTimes = new CopyOnWriteArrayList<>();

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final CachingEasemobTokenProvider provider;

	public ProviderHarness(FakeEasemobExtension easemob, VirtualClock clock) {
		this(easemob, clock, TtlUnit.SECONDS, 0.5, new InMemoryTokenStore(), Duration.ofSeconds(5));
	}

	/**
	 * A harness against the fake Easemob.
	 * @param easemob the fake Easemob
	 * @param clock the virtual clock
	 * @param unit the TTL unit
	 * @param jitter the fixed jitter draw, 0.5 for none
	 * @param store the token store
	 * @param responseTimeout the response timeout of token requests (real time)
	 */
	public ProviderHarness(FakeEasemobExtension easemob, VirtualClock clock, TtlUnit unit, double jitter,
			TokenStore store, Duration responseTimeout) {
		this(TestApp.app(easemob), () -> TestApp.tokenRequests(easemob), clock, unit, jitter, store, responseTimeout);
	}

	/**
	 * A harness against WireMock in front of the fake Easemob, that counts the token
	 * requests WireMock received.
	 * @param wireMock the WireMock server
	 * @param clock the virtual clock
	 * @param unit the TTL unit
	 * @param jitter the fixed jitter draw, 0.5 for none
	 * @param store the token store
	 * @param responseTimeout the response timeout of token requests (real time)
	 */
	public ProviderHarness(WireMockExtension wireMock, VirtualClock clock, TtlUnit unit, double jitter,
			TokenStore store, Duration responseTimeout) {
		this(WireMockFaults.app(wireMock), () -> WireMockFaults.tokenRequests(wireMock), clock, unit, jitter, store,
				responseTimeout);
	}

	private ProviderHarness(EasemobApp app, IntSupplier tokenRequests, VirtualClock clock, TtlUnit unit,
			double jitter, TokenStore store, Duration responseTimeout) {
		this.tokenRequests = tokenRequests;
		this.clock = clock;
		ClientHttpConnector connector = new ReactorClientHttpConnector();
		ClientHttpConnector recordingTime = (method, uri, request) -> {
			this.requestTimes.add(clock.millis());
			return connector.connect(method, uri, request);
		};
		EasemobTokenEndpoint endpoint = new EasemobTokenEndpoint(recordingTime,
				app, TestApp.credentials(), null, unit, responseTimeout, clock);
		TokenPolicy policy = new TokenPolicy(Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofMinutes(5),
				() -> jitter);
		this.provider = CachingEasemobTokenProvider.builder(endpoint)
			.store(store)
			.policy(policy)
			.listener(new Recorder())
			.clock(clock)
			.scheduler(clock.scheduler())
			.build();
	}

	public CachingEasemobTokenProvider provider() {
		return this.provider;
	}

	/** Virtual instants (epoch ms) at which token requests left. */
	public List<Long> requestTimes() {
		return this.requestTimes;
	}

	/** Seconds after {@link VirtualClock#START} at which token requests left. */
	public List<Long> requestSeconds() {
		return this.requestTimes.stream().map((time) -> (time - VirtualClock.START.toEpochMilli()) / 1000).toList();
	}

	public List<String> events() {
		return this.events;
	}

	public String currentToken() {
		return this.provider.getToken().block(Duration.ofSeconds(10)).accessToken();
	}

	public EasemobTokenUnavailableException unavailable() {
		EasemobTokenUnavailableException ex = catchThrowableOfType(EasemobTokenUnavailableException.class,
				() -> this.provider.getToken().block(Duration.ofSeconds(10)));
		assertThat(ex).as("no token to be had").isNotNull();
		return ex;
	}

	/** Wait until {@code count} requests reached the stub and the provider handled them. */
	public void awaitRequests(int count) {
		eventually().until(() -> this.tokenRequests.getAsInt() == count && requestEvents() == count);
	}

	/**
	 * Wait until no request is between the provider's decision and its answer, so that
	 * moving the clock cannot fall between a decision and the request leaving.
	 */
	public void awaitQuiet() {
		eventually()
			.until(() -> !this.provider.status().requestInFlight() && requestEvents() == this.requestTimes.size());
	}

	public long requestEvents() {
		return this.events.stream().filter((event) -> !event.startsWith("rejected")).count();
	}

	public void advanceAndExpectNoRequest(Duration duration) {
		int before = this.tokenRequests.getAsInt();
		this.clock.advance(duration);
		assertThat(this.tokenRequests.getAsInt()).as("requests after %s", this.clock.elapsed())
			.isEqualTo(before);
	}

	@Override
	public void close() {
		this.provider.close();
	}

	private final class Recorder implements TokenLifecycleListener {

		@Override
		public void tokenObtained(EasemobToken token, Duration elapsed) {
			ProviderHarness.this.events.add("obtained " + token.redacted());
		}

		@Override
		public void tokenRequestFailed(EasemobTokenRequestException failure, Duration elapsed) {
			ProviderHarness.this.events.add("failed " + failure.getReason().tag());
		}

		@Override
		public void tokenRejected(EasemobToken token, boolean dropped) {
			ProviderHarness.this.events.add("rejected " + token.redacted() + (dropped ? " dropped" : " kept"));
		}

	}

}
