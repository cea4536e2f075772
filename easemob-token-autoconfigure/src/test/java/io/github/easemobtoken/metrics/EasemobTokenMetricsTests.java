package io.github.easemobtoken.metrics;

import java.time.Duration;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenUnavailableException;
import io.github.easemobtoken.store.StoredToken;
import io.github.easemobtoken.test.FakeEasemobExtension;
import io.github.easemobtoken.test.ScriptedTokenStore;
import io.github.easemobtoken.test.TestApp;
import io.github.easemobtoken.test.TestProviders;
import io.github.easemobtoken.test.VirtualClock;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The values of the token meters after successes, failures and rejections.
 */
class EasemobTokenMetricsTests {

	@RegisterExtension
	static final FakeEasemobExtension easemob = TestApp.fake();

	private static final String APP = "easemob-demo#testapp";

	private final VirtualClock clock = new VirtualClock();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private CachingEasemobTokenProvider provider;

	@BeforeEach
	void createProvider() {
		CachingEasemobTokenProvider[] holder = new CachingEasemobTokenProvider[1];
		EasemobTokenMetrics metrics = new EasemobTokenMetrics(this.registry, APP, () -> holder[0].status());
		this.provider = TestProviders.provider(easemob, this.clock, metrics);
		holder[0] = this.provider;
	}

	@AfterEach
	void close() {
		this.provider.close();
	}

	private long refreshes(String outcome) {
		return this.registry.get("easemob.token.refresh").tag("app", APP).tag("outcome", outcome).timer().count();
	}

	private double failures(String reason) {
		return this.registry.get("easemob.token.failures").tag("app", APP).tag("reason", reason).counter().count();
	}

	private double rejections() {
		return this.registry.get("easemob.token.rejections").tag("app", APP).counter().count();
	}

	private double expiry() {
		return this.registry.get("easemob.token.expiry").tag("app", APP).gauge().value();
	}

	@Test
	void shouldRegisterEveryMeterAtZeroBeforeTheFirstRequest() {
		assertThat(refreshes("success")).isZero();
		assertThat(refreshes("failure")).isZero();
		assertThat(rejections()).isZero();
		assertThat(expiry()).isNaN();
		assertThat(this.registry.find("easemob.token.failures").counters()).isEmpty();
		assertThat(this.registry.getMeters()).allSatisfy(
				(meter) -> assertThat(meter.getId().getTag("app")).as(meter.getId().getName()).isEqualTo(APP));
	}

	@Test
	void shouldTimeSuccessfulRequestsAndGaugeTheSecondsToExpiry() {
		TestApp.issueTokens(easemob, 3600);
		this.provider.getToken().block();
		this.provider.getToken().block();
		assertThat(refreshes("success")).isEqualTo(1);
		assertThat(refreshes("failure")).isZero();
		assertThat(this.registry.get("easemob.token.refresh").tag("outcome", "success").timer().totalTime(
				java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
		assertThat(expiry()).isEqualTo(3600.0);
		this.clock.advance(Duration.ofSeconds(600).plusMillis(500));
		assertThat(expiry()).isEqualTo(2999.5);
		Meter.Id gauge = this.registry.get("easemob.token.expiry").gauge().getId();
		assertThat(gauge.getBaseUnit()).isEqualTo("seconds");
	}

	@Test
	void shouldCountFailuresByReasonAndGaugeNaNWithoutAToken() {
		TestApp.failWith(easemob, 503, "down", "down");
		catchThrowableOfType(EasemobTokenUnavailableException.class, () -> this.provider.getToken().block());
		this.clock.advance(Duration.ofSeconds(10));
		eventuallyFailures(2);
		TestApp.failWith(easemob, 400, "invalid_grant", "client_secret does not match");
		this.clock.advance(Duration.ofSeconds(20));
		eventuallyFailures(3);
		assertThat(refreshes("failure")).isEqualTo(3);
		assertThat(refreshes("success")).isZero();
		assertThat(failures("server_error")).isEqualTo(2);
		assertThat(failures("invalid_grant")).isEqualTo(1);
		assertThat(expiry()).isNaN();
	}

	private void eventuallyFailures(long count) {
		io.github.easemobtoken.test.Eventually.eventually().until(() -> refreshes("failure") == count);
	}

	@Test
	void shouldGaugeInfinityForATokenThatNeverExpires() {
		TestApp.issueTokens(easemob, 0);
		this.provider.getToken().block();
		assertThat(expiry()).isEqualTo(Double.POSITIVE_INFINITY);
	}

	@Test
	void shouldCountEvery401ForTheCurrentToken() {
		TestApp.issueTokens(easemob, 3600);
		EasemobToken first = this.provider.getToken().block();
		this.provider.invalidate(first);
		assertThat(rejections()).as("kept: fresher than the floor").isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(10));
		this.provider.invalidate(first);
		this.provider.invalidate(first);
		assertThat(rejections()).as("dropped once; then no longer current").isEqualTo(2);
		assertThat(expiry()).isNaN();
		assertThat(refreshes("success")).isEqualTo(1);
	}

	@Test
	void shouldCountStoreOperationsThatFailedByOperation() {
		TestApp.issueTokens(easemob, 3600);
		this.provider.close();
		ScriptedTokenStore store = new ScriptedTokenStore()
			.thenRead(Mono.error(new IllegalStateException("Redis is down")))
			.thenRead(Mono.just(StoredToken.unreadable("1.x.y")));
		CachingEasemobTokenProvider[] holder = new CachingEasemobTokenProvider[1];
		EasemobTokenMetrics metrics = new EasemobTokenMetrics(this.registry, APP, () -> holder[0].status());
		this.provider = TestProviders.provider(easemob, this.clock, metrics, store);
		holder[0] = this.provider;
		EasemobToken first = this.provider.getToken().block();
		this.clock.advance(Duration.ofSeconds(10));
		this.provider.invalidate(first);
		this.provider.getToken().block();
		assertThat(this.registry.get("easemob.token.store.fallbacks").tag("app", APP).tag("operation", "read")
			.counter().count()).isEqualTo(1);
		assertThat(this.registry.get("easemob.token.store.fallbacks").tag("app", APP).tag("operation", "decrypt")
			.counter().count()).isEqualTo(1);
		assertThat(refreshes("success")).isEqualTo(2);
	}

}
