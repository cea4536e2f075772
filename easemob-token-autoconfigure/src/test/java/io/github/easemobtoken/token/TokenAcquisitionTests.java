package io.github.easemobtoken.token;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenUnavailableException;
import io.github.easemobtoken.TokenFailureReason;
import io.github.easemobtoken.store.RefreshClaim;
import io.github.easemobtoken.store.StoredToken;
import io.github.easemobtoken.test.FakeEasemobExtension;
import io.github.easemobtoken.test.ScriptedTokenStore;
import io.github.easemobtoken.test.TestApp;
import io.github.easemobtoken.test.TestProviders;
import io.github.easemobtoken.test.VirtualClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.github.easemobtoken.test.Eventually.eventually;
import static io.github.easemobtoken.test.TestApp.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * How the provider uses a shared store, against a store whose answers each test scripts:
 * what it takes from it, when it asks Easemob, and how it carries on alone when the store
 * fails or does not answer.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenAcquisitionTests {

	@RegisterExtension
	static final FakeEasemobExtension easemob = TestApp.fake();

	private final VirtualClock clock = new VirtualClock();

	private final ScriptedTokenStore store = new ScriptedTokenStore();

	private final List<String> storeFailures = new ArrayList<>();

	private final CachingEasemobTokenProvider provider = TestProviders.provider(easemob, this.clock,
			new TokenLifecycleListener() {

				@Override
				public void storeFailed(String operation, @Nullable Throwable cause) {
					TokenAcquisitionTests.this.storeFailures.add(operation);
				}

			}, this.store);

	@AfterEach
	void close() {
		this.provider.close();
	}

	private String current() {
		return this.provider.getToken().block(Duration.ofSeconds(10)).accessToken();
	}

	private StoredToken stored(int n, Duration lifetime) {
		return new StoredToken(new EasemobToken(token(n), this.clock.instant().plus(lifetime), null),
				this.clock.instant(), "v" + n, true);
	}

	@Test
	void shouldTakeANewerTokenFromTheStoreWithoutAskingEasemob() {
		TestApp.issueTokens(easemob, 7200);
		this.store.thenRead(Mono.just(stored(50, Duration.ofHours(2))));
		assertThat(current()).isEqualTo(token(50));
		assertThat(TestApp.tokenRequests(easemob)).isZero();
		assertThat(this.store.calls()).containsExactly("read");
	}

	@Test
	void shouldNotTakeATokenWhoseRefreshIsDueAlready() {
		TestApp.issueTokens(easemob, 7200);
		this.store.thenRead(Mono.just(new StoredToken(
				new EasemobToken(token(50), this.clock.instant().plus(Duration.ofMinutes(4)), null),
				this.clock.instant().minus(Duration.ofHours(2)), "v50", true)));
		assertThat(current()).isEqualTo(token(1));
		assertThat(this.store.calls()).containsExactly("read", "claim", "publish …0001");
	}

	@Test
	void shouldWaitForTheLeaseHolderAndTakeItsToken() {
		TestApp.issueTokens(easemob, 7200);
		this.store.thenClaim(Mono.just(new RefreshClaim.Leased(Duration.ofSeconds(2))))
			.thenRead(Mono.just(StoredToken.ABSENT))
			.thenRead(Mono.just(stored(50, Duration.ofHours(2))));
		assertThat(current()).isEqualTo(token(50));
		assertThat(TestApp.tokenRequests(easemob)).isZero();
		assertThat(this.store.calls()).containsExactly("read", "claim", "wait", "read");
	}

	@Test
	void shouldHoldTheRequestBackUntilTheFleetAllowsItAndTellCallersWhy() {
		TestApp.issueTokens(easemob, 7200);
		Instant until = this.clock.instant().plusSeconds(8);
		this.store.thenClaim(Mono.just(new RefreshClaim.NotBefore(until, 0, null, null)));
		EasemobTokenUnavailableException ex = catchThrowableOfType(EasemobTokenUnavailableException.class,
				this::current);
		assertThat(ex).hasMessage("No Easemob app token for easemob-demo#testapp: another instance requested a "
				+ "token less than easemob.token.min-request-interval ago; next token request not before " + until);
		assertThat(ex.getNextAttemptAt()).isEqualTo(until);
		assertThat(TestApp.tokenRequests(easemob)).isZero();
		this.clock.advance(Duration.ofSeconds(8));
		assertThat(current()).as("the timer asked again at the fleet's instant").isEqualTo(token(1));
		assertThat(this.store.calls()).containsExactly("read", "claim", "read", "claim", "publish …0001");
	}

	@Test
	void shouldGiveCallersTheFailureAnotherInstanceReported() {
		Instant until = this.clock.instant().plusSeconds(20);
		this.store.thenClaim(Mono.just(new RefreshClaim.NotBefore(until, 2, TokenFailureReason.INVALID_GRANT,
				"invalid_grant (HTTP 400): client_secret does not match")));
		EasemobTokenUnavailableException ex = catchThrowableOfType(EasemobTokenUnavailableException.class,
				this::current);
		assertThat(ex.getLastFailure().getReason()).isEqualTo(TokenFailureReason.INVALID_GRANT);
		assertThat(ex.getMessage()).contains("invalid_grant (HTTP 400): client_secret does not match (reported by "
				+ "another instance through ScriptedTokenStore)");
		assertThat(TestApp.tokenRequests(easemob)).isZero();
	}

	@Test
	void shouldReportAFailedRequestToTheStoreWithTheFleetsCountOfFailures() {
		TestApp.failWith(easemob, 503, "down", "down");
		this.store.thenClaim(Mono.just(new RefreshClaim.Granted(3, "")));
		catchThrowableOfType(EasemobTokenUnavailableException.class, this::current);
		assertThat(this.store.calls()).containsExactly("read", "claim", "report-failure server_error");
		TokenStatus status = this.provider.status();
		assertThat(status.consecutiveFailures()).isEqualTo(4);
		assertThat(status.nextAttemptAt()).as("10 s × 2^3").isEqualTo(this.clock.instant().plusSeconds(80));
	}

	@Test
	void shouldCarryOnAloneWithinTheStoreTimeoutWhenTheStoreDoesNotAnswer(CapturedOutput output) {
		TestApp.issueTokens(easemob, 7200);
		this.store.thenRead(Mono.never());
		long start = System.nanoTime();
		assertThat(current()).isEqualTo(token(1));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(500),
				Duration.ofMillis(2000));
		assertThat(this.storeFailures).containsExactly("read");
		assertThat(this.store.calls()).as("no publish to a store that failed").containsExactly("read");
		assertThat(this.provider.status().storeProblem())
			.isEqualTo("read failed at " + VirtualClock.START + ": no answer within 500 ms (easemob.token.store-timeout)");
		assertThat(output).contains("Easemob token store ScriptedTokenStore read failed at " + VirtualClock.START
				+ ": no answer within 500 ms (easemob.token.store-timeout); easemob-demo#testapp carries on alone");
	}

	@Test
	void shouldCarryOnAloneWhenAClaimFailsAndUseTheStoreAgainOnceItAnswers(CapturedOutput output) {
		TestApp.issueTokens(easemob, 7200);
		this.store.thenClaim(Mono.error(new IllegalStateException("READONLY You can't write against a read only replica")));
		assertThat(current()).isEqualTo(token(1));
		assertThat(this.storeFailures).containsExactly("claim");
		assertThat(this.provider.status().storeProblem()).startsWith("claim failed at ")
			.endsWith("IllegalStateException: READONLY You can't write against a read only replica");
		this.clock.advance(Duration.ofMinutes(115));
		eventually().until(() -> current().equals(token(2)));
		assertThat(this.provider.status().storeProblem()).isNull();
		assertThat(this.store.calls()).containsExactly("read", "claim", "read", "claim", "publish …0002");
		assertThat(output).contains("answers again; easemob-demo#testapp shares its token through it again");
	}

	/**
	 * A value sealed under another secret (before a rotation) is claimed and replaced like
	 * any other, so that no value, not even a permanent token's, outlives a rotation.
	 */
	@Test
	void shouldReplaceAValueItCannotReadAndSaySoOnce(CapturedOutput output) {
		TestApp.issueTokens(easemob, 7200);
		this.store.thenRead(Mono.just(StoredToken.unreadable("2.abc.def")))
			.thenRead(Mono.just(StoredToken.unreadable("2.abc.def")));
		assertThat(current()).isEqualTo(token(1));
		this.clock.advance(Duration.ofSeconds(30));
		this.provider.invalidate(this.provider.getToken().block());
		assertThat(current()).isEqualTo(token(2));
		assertThat(this.store.calls()).as("claimed and published over")
			.containsExactly("read", "claim", "publish …0001", "remove …0001", "read", "claim", "publish …0002");
		assertThat(this.storeFailures).containsExactly("decrypt", "decrypt");
		assertThat(output.getAll().split("cannot decrypt", -1)).hasSize(2);
		assertThat(output).doesNotContain("2.abc.def");
	}

}
