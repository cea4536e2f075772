package io.github.easemobtoken.token;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenUnavailableException;
import io.github.easemobtoken.TokenFailureReason;
import io.github.easemobtoken.store.InMemoryTokenStore;
import io.github.easemobtoken.store.TokenStore;
import io.github.easemobtoken.test.FakeEasemob.Fault;
import io.github.easemobtoken.test.FakeEasemobExtension;
import io.github.easemobtoken.test.KeepingTokenStore;
import io.github.easemobtoken.test.ProviderHarness;
import io.github.easemobtoken.test.TestApp;
import io.github.easemobtoken.test.VirtualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import static io.github.easemobtoken.test.Eventually.eventually;
import static io.github.easemobtoken.test.TestApp.token;
import static io.github.easemobtoken.test.VirtualClock.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The token lifecycle on virtual time against the fake Easemob: caching, refresh ahead
 * of expiry, backoff, the floor between requests and invalidation.
 */
@ExtendWith(OutputCaptureExtension.class)
class CachingEasemobTokenProviderTests {

	@RegisterExtension
	static final FakeEasemobExtension easemob = TestApp.fake();

	private final VirtualClock clock = new VirtualClock();

	private final List<ProviderHarness> harnesses = new ArrayList<>();

	private ProviderHarness harness;

	private CachingEasemobTokenProvider provider;

	@AfterEach
	void closeProviders() {
		this.harnesses.forEach(ProviderHarness::close);
	}

	private CachingEasemobTokenProvider provider(TtlUnit unit, double jitter) {
		return provider(unit, jitter, new InMemoryTokenStore());
	}

	private CachingEasemobTokenProvider provider(TtlUnit unit, double jitter, TokenStore store) {
		this.harness = new ProviderHarness(easemob, this.clock, unit, jitter, store, Duration.ofSeconds(5));
		this.harnesses.add(this.harness);
		this.provider = this.harness.provider();
		return this.provider;
	}

	private CachingEasemobTokenProvider provider() {
		return provider(TtlUnit.SECONDS, 0.5);
	}

	private String currentToken() {
		return this.harness.currentToken();
	}

	private EasemobTokenUnavailableException unavailable() {
		return this.harness.unavailable();
	}

	private void awaitRequests(int count) {
		this.harness.awaitRequests(count);
	}

	private void advanceAndExpectNoRequest(Duration duration) {
		this.harness.advanceAndExpectNoRequest(duration);
	}

	@Test
	void shouldRequestOnceAndServeTheCachedTokenAfterwards() {
		TestApp.issueTokens(easemob, 3600);
		provider();
		assertThat(currentToken()).isEqualTo(token(1));
		assertThat(currentToken()).isEqualTo(token(1));
		this.clock.advance(Duration.ofMinutes(54));
		assertThat(currentToken()).isEqualTo(token(1));
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(1);
		TokenStatus status = this.provider.status();
		assertThat(status.state()).isEqualTo(TokenStatus.State.VALID);
		assertThat(status.expiresAt()).isEqualTo(START.plusSeconds(3600));
		assertThat(status.lastFailure()).isNull();
	}

	@Test
	void shouldBeLazyAndReportNotYetObtainedBeforeTheFirstCall() {
		TestApp.issueTokens(easemob, 3600);
		Mono<EasemobToken> token = provider().getToken();
		assertThat(this.provider.status().state()).isEqualTo(TokenStatus.State.NOT_YET_OBTAINED);
		assertThat(TestApp.tokenRequests(easemob)).isZero();
		assertThat(token.block(Duration.ofSeconds(5)).accessToken()).isEqualTo(token(1));
	}

	@Test
	void shouldDecideWhenSubscribedSoAKeptMonoIsNeverStale() {
		TestApp.issueTokens(easemob, 3600);
		Mono<EasemobToken> kept = provider().getToken();
		assertThat(kept.block(Duration.ofSeconds(5)).accessToken()).isEqualTo(token(1));
		this.clock.advance(Duration.ofMinutes(55));
		awaitRequests(2);
		assertThat(kept.block(Duration.ofSeconds(5)).accessToken()).isEqualTo(token(2));
	}

	@Test
	void shouldRefreshInTheBackgroundAheadOfExpiryWithoutTraffic() {
		TestApp.issueTokens(easemob, 3600);
		provider();
		assertThat(currentToken()).isEqualTo(token(1));
		advanceAndExpectNoRequest(Duration.ofMinutes(55).minusMillis(1));
		this.clock.advance(Duration.ofMillis(1));
		awaitRequests(2);
		assertThat(this.harness.requestTimes()).containsExactly(START.toEpochMilli(), START.plus(Duration.ofMinutes(55)).toEpochMilli());
		assertThat(this.provider.status().expiresAt()).isEqualTo(START.plus(Duration.ofMinutes(55)).plusSeconds(3600));
		assertThat(currentToken()).isEqualTo(token(2));
		advanceAndExpectNoRequest(Duration.ofMinutes(55).minusMillis(1));
		this.clock.advance(Duration.ofMillis(1));
		awaitRequests(3);
		assertThat(currentToken()).isEqualTo(token(3));
	}

	@Test
	void shouldServeTheCurrentTokenAtOnceWhileTheRefreshIsInFlight() {
		TestApp.issueTokens(easemob, 3600);
		provider();
		assertThat(currentToken()).isEqualTo(token(1));
		TestApp.continueIssuingTokens(easemob, 3600, 1500);
		this.clock.advance(Duration.ofMinutes(56));
		eventually().until(() -> TestApp.tokenRequests(easemob) == 2);
		for (int i = 0; i < 100; i++) {
			assertThat(this.provider.getToken().block(Duration.ofMillis(200)).accessToken()).isEqualTo(token(1));
		}
		awaitRequests(2);
		assertThat(currentToken()).isEqualTo(token(2));
	}

	@Test
	void shouldRefreshAtHalfLifeWhenTheTokenLivesLessThanTwiceRefreshBeforeExpiry() {
		TestApp.issueTokens(easemob, 120);
		provider();
		currentToken();
		advanceAndExpectNoRequest(Duration.ofSeconds(60).minusMillis(1));
		this.clock.advance(Duration.ofMillis(1));
		awaitRequests(2);
		assertThat(currentToken()).isEqualTo(token(2));
	}

	@Test
	void shouldMakeCallersWaitForTheOneRequestWhenTheTokenHasExpired() {
		TestApp.issueTokens(easemob, 3600);
		provider();
		assertThat(currentToken()).isEqualTo(token(1));
		TestApp.failWith(easemob, 503, "service_unavailable", "down");
		int requests = 1;
		for (long gap : new long[] { 55 * 60, 10, 20, 40, 80 }) {
			this.clock.advance(Duration.ofSeconds(gap));
			awaitRequests(++requests);
		}
		this.clock.advance(Duration.ofSeconds(150));
		assertThat(unavailable().getNextAttemptAt()).as("token 1 expired at 60:00")
			.isEqualTo(START.plus(Duration.ofMinutes(60)).plusSeconds(10));
		TestApp.continueIssuingTokens(easemob, 3600, 600);
		this.clock.advance(Duration.ofSeconds(10));
		eventually().until(() -> TestApp.tokenRequests(easemob) == 7);
		long start = System.nanoTime();
		assertThat(currentToken()).isEqualTo(token(2));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited for the answer")
			.isGreaterThanOrEqualTo(Duration.ofMillis(200));
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(7);
	}

	@Test
	void shouldServeTheCachedTokenUntilALateTimerFiresAndRecoverAtTheFirst401() {
		TestApp.issueTokens(easemob, 3600);
		provider();
		EasemobToken first = this.provider.getToken().block();
		this.clock.jump(Duration.ofHours(2));
		assertThat(currentToken()).as("the hot path does not read the clock").isEqualTo(token(1));
		assertThat(this.provider.status().state()).as("health does").isEqualTo(TokenStatus.State.NO_VALID_TOKEN);
		this.provider.invalidate(first);
		assertThat(currentToken()).isEqualTo(token(2));
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(2);
	}

	@Test
	void shouldNeverRefreshAPermanentToken() {
		TestApp.issueTokens(easemob, 0);
		provider();
		assertThat(currentToken()).isEqualTo(token(1));
		this.clock.advance(Duration.ofDays(3650));
		assertThat(currentToken()).isEqualTo(token(1));
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(1);
		TokenStatus status = this.provider.status();
		assertThat(status.state()).isEqualTo(TokenStatus.State.PERMANENT);
		assertThat(status.expiresAt()).isNull();
	}

	@Test
	void shouldReadMillisecondLifetimesOnTheVip5Cluster() {
		TestApp.issueTokens(easemob, 3_600_000);
		provider(TtlUnit.MILLISECONDS, 0.5);
		currentToken();
		assertThat(this.provider.status().expiresAt()).isEqualTo(START.plusSeconds(3600));
		advanceAndExpectNoRequest(Duration.ofMinutes(55).minusMillis(1));
		this.clock.advance(Duration.ofMillis(1));
		awaitRequests(2);
	}

	@Test
	void shouldBackOffExponentiallyUpToMaxBackoffAfterTransientFailures() {
		TestApp.failWith(easemob, 503, "service_unavailable", "try later");
		provider();
		EasemobTokenUnavailableException first = unavailable();
		assertThat(first.getLastFailure().getReason()).isEqualTo(TokenFailureReason.SERVER_ERROR);
		assertThat(first.getNextAttemptAt()).isEqualTo(START.plusSeconds(10));
		int requests = 1;
		for (long gap : new long[] { 10, 20, 40, 80, 160, 300, 300 }) {
			assertThat(this.provider.status().nextAttemptAt()).isEqualTo(this.clock.instant().plusSeconds(gap));
			advanceAndExpectNoRequest(Duration.ofSeconds(gap).minusMillis(1));
			this.clock.advance(Duration.ofMillis(1));
			awaitRequests(++requests);
		}
		assertThat(this.provider.status().consecutiveFailures()).isEqualTo(8);
		assertThat(this.harness.requestTimes()).hasSize(8);
	}

	@Test
	void shouldJitterTheBackoff() {
		TestApp.failWith(easemob, 502, "bad_gateway", "upstream");
		provider(TtlUnit.SECONDS, 0.75);
		unavailable();
		int requests = 1;
		for (long gap : new long[] { 11, 22, 44 }) {
			assertThat(this.provider.status().nextAttemptAt()).isEqualTo(this.clock.instant().plusSeconds(gap));
			this.clock.advance(Duration.ofSeconds(gap));
			awaitRequests(++requests);
		}
	}

	@Test
	void shouldWaitForRetryAfterWhenItIsLongerThanTheBackoff() {
		easemob.fake().failEveryTokenRequest(Fault.status(429, "reach_limit", "limit").withRetryAfter(Duration.ofSeconds(120)));
		provider();
		EasemobTokenUnavailableException ex = unavailable();
		assertThat(ex.getLastFailure().getReason()).isEqualTo(TokenFailureReason.RATE_LIMITED);
		assertThat(ex.getNextAttemptAt()).isEqualTo(START.plusSeconds(120));
		advanceAndExpectNoRequest(Duration.ofSeconds(120).minusMillis(1));
		this.clock.advance(Duration.ofMillis(1));
		awaitRequests(2);
	}

	@Test
	void shouldGiveEveryCallerItsOwnTypedErrorAndNotRetryAConfigurationErrorBeforeMaxBackoff() {
		TestApp.failWith(easemob, 400, "invalid_grant", "client_secret does not match");
		provider();
		EasemobTokenUnavailableException first = unavailable();
		assertThat(first).hasMessage("No Easemob app token for easemob-demo#testapp: invalid_grant (HTTP 400): "
				+ "client_secret does not match — check easemob.client-secret (ClientSecret): it must be the one shown "
				+ "for app easemob-demo#testapp in the Easemob console → your app → Application Info (应用详情); next "
				+ "token request not before 2026-11-24T08:05:00Z");
		List<EasemobTokenUnavailableException> later = new ArrayList<>();
		for (int i = 0; i < 49; i++) {
			this.clock.advance(Duration.ofSeconds(6));
			later.add(unavailable());
		}
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(1);
		assertThat(later).doesNotContain(first).doesNotHaveDuplicates().allSatisfy((ex) -> {
			assertThat(ex.getLastFailure().getReason()).isEqualTo(TokenFailureReason.INVALID_GRANT);
			assertThat(ex.getLastFailure().getStatusCode()).isEqualTo(400);
			assertThat(ex.getNextAttemptAt()).isEqualTo(START.plus(Duration.ofMinutes(5)));
			assertThat(ex.getMessage()).contains("client_secret does not match — check easemob.client-secret");
		});
		this.clock.advance(Duration.ofSeconds(6));
		awaitRequests(2);
	}

	@Test
	void shouldServeTheStillValidTokenWhileRefreshesFailThenReportNoTokenAndRecover() {
		TestApp.issueTokens(easemob, 3600);
		provider();
		assertThat(currentToken()).isEqualTo(token(1));
		TestApp.failWith(easemob, 503, "service_unavailable", "down");
		this.clock.advance(Duration.ofMinutes(55));
		awaitRequests(2);
		int requests = 2;
		for (long gap : new long[] { 10, 20, 40, 80 }) {
			this.clock.advance(Duration.ofSeconds(gap));
			awaitRequests(++requests);
			assertThat(currentToken()).isEqualTo(token(1));
		}
		// 57:30 now, next attempt at 60:10; token 1 expires at 60:00
		this.clock.advance(Duration.ofSeconds(150));
		EasemobTokenUnavailableException ex = unavailable();
		assertThat(ex.getLastFailure().getReason()).isEqualTo(TokenFailureReason.SERVER_ERROR);
		assertThat(ex.getNextAttemptAt()).isEqualTo(START.plus(Duration.ofMinutes(60)).plusSeconds(10));
		assertThat(this.provider.status().state()).isEqualTo(TokenStatus.State.NO_VALID_TOKEN);
		TestApp.continueIssuingTokens(easemob, 3600, 0);
		this.clock.advance(Duration.ofSeconds(10));
		awaitRequests(7);
		assertThat(currentToken()).isEqualTo(token(2));
		assertThat(this.provider.status().lastFailure()).isNull();
		assertThat(this.provider.status().consecutiveFailures()).isZero();
	}

	@Test
	void shouldKeepATokenRejectedWithinTheFloorAndDropItAfterwards() {
		TestApp.issueTokens(easemob, 3600);
		provider();
		EasemobToken first = this.provider.getToken().block();
		this.clock.advance(Duration.ofSeconds(9));
		this.provider.invalidate(first);
		assertThat(currentToken()).isEqualTo(token(1));
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(1));
		this.provider.invalidate(first);
		assertThat(this.provider.status().state()).isEqualTo(TokenStatus.State.NO_VALID_TOKEN);
		assertThat(currentToken()).isEqualTo(token(2));
		assertThat(this.harness.events()).containsExactly("obtained …0001", "rejected …0001 kept", "rejected …0001 dropped",
				"obtained …0002");
	}

	@Test
	void shouldNeverTakeARejectedTokenBackFromAStoreThatStillHoldsIt() {
		TestApp.issueTokens(easemob, 3600);
		TokenStore forgetsNothing = new KeepingTokenStore();
		provider(TtlUnit.SECONDS, 0.5, forgetsNothing);
		EasemobToken first = this.provider.getToken().block();
		this.clock.advance(Duration.ofSeconds(10));
		this.provider.invalidate(first);
		assertThat(currentToken()).isEqualTo(token(2));
		this.clock.advance(Duration.ofSeconds(10));
		this.provider.invalidate(this.provider.getToken().block());
		assertThat(currentToken()).isEqualTo(token(3));
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(3);
	}

	@Test
	void shouldIgnoreTheInvalidationOfATokenThatIsNoLongerCurrent() {
		TestApp.issueTokens(easemob, 3600);
		provider();
		EasemobToken first = this.provider.getToken().block();
		this.clock.advance(Duration.ofMinutes(55));
		awaitRequests(2);
		this.provider.invalidate(first);
		assertThat(currentToken()).isEqualTo(token(2));
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(2);
		assertThat(this.harness.events()).containsExactly("obtained …0001", "obtained …0002");
	}

	@Test
	void shouldWarnOnceWhenTokensLiveLessThanTwiceTheFloorAndStillHoldTheFloor(CapturedOutput output) {
		TestApp.issueTokens(easemob, 5);
		provider();
		assertThat(currentToken()).isEqualTo(token(1));
		this.clock.advance(Duration.ofSeconds(6));
		EasemobTokenUnavailableException ex = unavailable();
		assertThat(ex).hasMessage("No Easemob app token for easemob-demo#testapp: the token expired at "
				+ "2026-11-24T08:00:05Z and easemob.token.min-request-interval holds the next request back; next token "
				+ "request not before 2026-11-24T08:00:10Z (in PT4S)");
		assertThat(ex.getLastFailure()).isNull();
		this.clock.advance(Duration.ofSeconds(4));
		awaitRequests(2);
		assertThat(currentToken()).isEqualTo(token(2));
		this.clock.advance(Duration.ofSeconds(10));
		awaitRequests(3);
		assertThat(this.harness.requestTimes()).containsExactly(START.toEpochMilli(), START.plusSeconds(10).toEpochMilli(),
				START.plusSeconds(20).toEpochMilli());
		String warning = "Lower easemob.token.min-request-interval, or request longer tokens with easemob.ttl";
		assertThat(output.getAll().split(warning, -1)).hasSize(2);
		assertThat(output.getAll()).contains("Easemob app tokens for easemob-demo#testapp live PT5S, less than twice "
				+ "easemob.token.min-request-interval (PT10S)");
	}

	@Test
	void shouldLogObtainedTokensRedacted(CapturedOutput output) {
		TestApp.issueTokens(easemob, 3600);
		provider();
		currentToken();
		assertThat(output.getAll()).contains("Obtained Easemob app token …0001 for easemob-demo#testapp, expires at "
				+ "2026-11-24T09:00:00Z, refresh from 2026-11-24T08:55:00Z")
			.doesNotContain(token(1))
			.doesNotContain(TestApp.CLIENT_SECRET);
	}

	@Test
	void shouldStopRefreshingOnceClosed() {
		TestApp.issueTokens(easemob, 3600);
		provider();
		currentToken();
		this.provider.close();
		this.clock.advance(Duration.ofHours(2));
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(1);
		assertThat(unavailable()).hasMessage(
				"No Easemob app token for easemob-demo#testapp: the token provider is closed");
	}

	@Test
	void shouldFailCallersWaitingOnTheRequestInFlightWhenClosed() {
		TestApp.continueIssuingTokens(easemob, 3600, 3000);
		provider();
		Mono<EasemobToken> waiting = this.provider.getToken().cache();
		waiting.subscribe((token) -> {
		}, (ex) -> {
		});
		eventually().until(() -> TestApp.tokenRequests(easemob) == 1);
		this.provider.close();
		EasemobTokenUnavailableException ex = catchThrowableOfType(EasemobTokenUnavailableException.class,
				() -> waiting.block(Duration.ofMillis(500)));
		assertThat(ex).hasMessageContaining("the token provider is closed");
	}

	/**
	 * {@code close()} right after a caller read the state and before it records the
	 * request it decided on: the close changed the state, so that record (a
	 * compare-and-set) fails, and the caller decides again on the closed state. Nothing is
	 * left for nobody to complete.
	 */
	@Test
	void shouldNotStartARequestDecidedOnAStateFromBeforeTheClose() {
		ClosingClock closing = new ClosingClock(1);
		EasemobTokenUnavailableException ex = closing.callerError();
		assertThat(ex).hasMessage("No Easemob app token for easemob-demo#testapp: the token provider is closed");
		assertThat(closing.closed).as("closed between the read and the decision").isTrue();
		assertThat(TestApp.tokenRequests(easemob)).isZero();
		assertThat(closing.provider.status().requestInFlight()).isFalse();
	}

	/** {@code close()} after the request was recorded, before its subscription was: the caller is told at once. */
	@Test
	void shouldFailACallerWhoseRequestIsClosedBeforeItIsUnderWay() {
		ClosingClock closing = new ClosingClock(2);
		EasemobTokenUnavailableException ex = closing.callerError();
		assertThat(closing.closed).isTrue();
		assertThat(ex).hasMessageContaining("the token provider is closed");
	}

	/** The virtual clock, which closes the provider on its n-th read. */
	private final class ClosingClock implements InstantSource {

		private final AtomicInteger reads = new AtomicInteger();

		private final int closeOnRead;

		private CachingEasemobTokenProvider provider;

		private volatile boolean closed;

		ClosingClock(int closeOnRead) {
			this.closeOnRead = closeOnRead;
		}

		/** A provider on this clock, and the error its first caller gets. */
		EasemobTokenUnavailableException callerError() {
			TestApp.issueTokens(easemob, 3600);
			CachingEasemobTokenProvider provider = provider();
			return catchThrowableOfType(EasemobTokenUnavailableException.class,
					() -> provider.getToken().block(Duration.ofSeconds(2)));
		}

		CachingEasemobTokenProvider provider() {
			EasemobTokenEndpoint endpoint = new EasemobTokenEndpoint(new ReactorClientHttpConnector(),
					TestApp.app(easemob), TestApp.credentials(), null, TtlUnit.SECONDS, Duration.ofSeconds(5), this);
			this.provider = CachingEasemobTokenProvider.builder(endpoint)
				.clock(this)
				.scheduler(CachingEasemobTokenProviderTests.this.clock.scheduler())
				.build();
			return this.provider;
		}

		@Override
		public Instant instant() {
			if (this.reads.incrementAndGet() == this.closeOnRead) {
				this.provider.close();
				this.closed = true;
			}
			return CachingEasemobTokenProviderTests.this.clock.instant();
		}

	}

	@Test
	void shouldNeverStartTwoRequestsWithinTheFloorWhateverHappens() {
		java.util.Random random = new java.util.Random(20261124);
		TestApp.issueTokens(easemob, 30);
		provider(TtlUnit.SECONDS, random.nextDouble());
		for (int step = 0; step < 2000; step++) {
			int dice = random.nextInt(100);
			if (dice < 25) {
				this.clock.advance(Duration.ofMillis(random.nextInt(15_000)));
			}
			else if (dice < 35) {
				this.clock.jump(Duration.ofMillis(random.nextInt(40_000)));
			}
			else if (dice < 50) {
				this.provider.getToken()
					.onErrorResume((ex) -> Mono.empty())
					.blockOptional(Duration.ofSeconds(5))
					.ifPresent(this.provider::invalidate);
			}
			else if (dice < 55) {
				TestApp.failWith(easemob, 503, "down", "down");
			}
			else if (dice < 57) {
				TestApp.failWith(easemob, 400, "invalid_grant", "client_id does not match");
			}
			else if (dice < 60) {
				easemob.fake().failEveryTokenRequest(Fault.rateLimited().withRetryAfter(Duration.ofSeconds(random.nextInt(30))));
			}
			else if (dice < 70) {
				TestApp.continueIssuingTokens(easemob, 1 + random.nextInt(60), 0);
			}
			else {
				this.provider.getToken().onErrorResume((ex) -> Mono.empty()).block(Duration.ofSeconds(5));
			}
			this.harness.awaitQuiet();
		}
		assertThat(this.harness.requestTimes()).hasSizeGreaterThan(100);
		for (int i = 1; i < this.harness.requestTimes().size(); i++) {
			assertThat(this.harness.requestTimes().get(i) - this.harness.requestTimes().get(i - 1)).as("gap before request %d", i)
				.isGreaterThanOrEqualTo(10_000);
		}
	}

}
