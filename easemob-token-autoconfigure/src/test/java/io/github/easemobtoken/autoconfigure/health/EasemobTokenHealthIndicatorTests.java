package io.github.easemobtoken.autoconfigure.health;

import java.time.Duration;
import java.util.Map;

import io.github.easemobtoken.EasemobTokenUnavailableException;
import io.github.easemobtoken.test.FakeEasemobExtension;
import io.github.easemobtoken.test.ScriptedTokenStore;
import io.github.easemobtoken.test.TestApp;
import io.github.easemobtoken.test.TestProviders;
import io.github.easemobtoken.test.VirtualClock;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import io.github.easemobtoken.token.TokenLifecycleListener;
import io.github.easemobtoken.test.BootLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;


import static io.github.easemobtoken.test.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Each state of the {@code easemobToken} health indicator.
 */
class EasemobTokenHealthIndicatorTests {

	@RegisterExtension
	static final FakeEasemobExtension easemob = TestApp.fake();

	private final VirtualClock clock = new VirtualClock();

	private CachingEasemobTokenProvider provider;

	private EasemobTokenHealthIndicator indicator;

	@BeforeEach
	void createIndicator() {
		this.provider = TestProviders.provider(easemob, this.clock, TokenLifecycleListener.NONE);
		this.indicator = new EasemobTokenHealthIndicator(this.provider::status, this.provider.appKey());
	}

	@AfterEach
	void close() {
		this.provider.close();
	}

	private BootLine.Report health() {
		BootLine.Report health = BootLine.health(this.indicator);
		assertThat(health.details().values()).allSatisfy((value) -> assertThat(String.valueOf(value))
			.doesNotContain(TestApp.CLIENT_SECRET)
			.doesNotContain("YWMte3bGuOukEeiTkNP4grL7iw"));
		return health;
	}

	@Test
	void shouldBeUnknownBeforeTheFirstToken() {
		BootLine.Report health = health();
		assertThat(health.status()).isEqualTo("UNKNOWN");
		assertThat(health.details()).containsExactly(Map.entry("app", "easemob-demo#testapp"));
	}

	@Test
	void shouldBeUpWithTheExpiryWhileATokenIsValid() {
		TestApp.issueTokens(easemob, 3600);
		this.provider.getToken().block();
		BootLine.Report health = health();
		assertThat(health.status()).isEqualTo("UP");
		assertThat(health.details()).containsExactly(Map.entry("app", "easemob-demo#testapp"),
				Map.entry("expiresAt", "2026-11-24T09:00:00Z"));
	}

	@Test
	void shouldBeUpWithNeverForAPermanentToken() {
		TestApp.issueTokens(easemob, 0);
		this.provider.getToken().block();
		assertThat(health().status()).isEqualTo("UP");
		assertThat(health().details()).containsEntry("expiresAt", "never");
	}

	@Test
	void shouldStayUpButShowTheFailureWhileAFailingRefreshLeavesAValidToken() {
		TestApp.issueTokens(easemob, 3600);
		this.provider.getToken().block();
		TestApp.failWith(easemob, 503, "down", "maintenance");
		this.clock.advance(Duration.ofMinutes(55));
		eventually().until(() -> this.provider.status().lastFailure() != null);
		BootLine.Report health = health();
		assertThat(health.status()).isEqualTo("UP");
		assertThat(health.details()).containsEntry("reason", "server_error")
			.containsEntry("consecutiveFailures", 1)
			.containsEntry("expiresAt", "2026-11-24T09:00:00Z")
			.doesNotContainKey("nextAttemptAt");
	}

	@Test
	void shouldBeDownWithTheLastFailureAndTheNextAttemptWithoutAValidToken() {
		TestApp.failWith(easemob, 400, "invalid_grant", "client_secret does not match");
		catchThrowableOfType(EasemobTokenUnavailableException.class, () -> this.provider.getToken().block());
		BootLine.Report health = health();
		assertThat(health.status()).isEqualTo("DOWN");
		assertThat(health.details()).containsEntry("app", "easemob-demo#testapp")
			.containsEntry("reason", "invalid_grant")
			.containsEntry("consecutiveFailures", 1)
			.containsEntry("nextAttemptAt", "2026-11-24T08:05:00Z")
			.doesNotContainKey("expiresAt");
		assertThat((String) health.details().get("lastFailure"))
			.startsWith("invalid_grant (HTTP 400): client_secret does not match — check easemob.client-secret");
	}

	@Test
	void shouldBeDownWhenTheTokenExpiredAndTheFloorHoldsTheNextRequest() {
		TestApp.issueTokens(easemob, 5);
		this.provider.getToken().block();
		this.clock.jump(Duration.ofSeconds(6));
		BootLine.Report health = health();
		assertThat(health.status()).isEqualTo("DOWN");
		assertThat(health.details()).containsEntry("nextAttemptAt", "2026-11-24T08:00:10Z")
			.containsEntry("expiresAt", "2026-11-24T08:00:05Z")
			.doesNotContainKey("lastFailure");
	}

	@Test
	void shouldStayUpAndShowTheStoreFallbackWhileTheSharedStoreFails() {
		TestApp.issueTokens(easemob, 3600);
		this.provider.close();
		ScriptedTokenStore store = new ScriptedTokenStore()
			.thenRead(Mono.error(new IllegalStateException("Unable to connect to 127.0.0.1:6379")));
		this.provider = TestProviders.provider(easemob, this.clock, TokenLifecycleListener.NONE, store);
		this.indicator = new EasemobTokenHealthIndicator(this.provider::status, this.provider.appKey());
		this.provider.getToken().block();
		BootLine.Report health = health();
		assertThat(health.status()).isEqualTo("UP");
		assertThat(health.details()).containsEntry("storeFallback",
				"read failed at 2026-11-24T08:00:00Z: IllegalStateException: Unable to connect to 127.0.0.1:6379");
	}

}
