package io.github.easemobtoken.token;

import java.time.Duration;
import java.time.Instant;

import io.github.easemobtoken.EasemobTokenRequestException;
import io.github.easemobtoken.TokenFailureReason;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The refresh and backoff arithmetic of {@link TokenPolicy}, with jitter fixed.
 */
class TokenPolicyTests {

	private static final long SECOND = 1000;

	private static final long MINUTE = 60 * SECOND;

	private final TokenPolicy noJitter = policy(0.5);

	private static TokenPolicy policy(double random) {
		return new TokenPolicy(Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofMinutes(5), () -> random);
	}

	private static EasemobTokenRequestException failure(TokenFailureReason reason, @Nullable Duration retryAfter) {
		return new EasemobTokenRequestException(reason.tag(), reason, 0, null, null, retryAfter, null);
	}

	private long[] backoffsInSeconds(TokenPolicy policy, int count, EasemobTokenRequestException failure) {
		long[] seconds = new long[count];
		for (int n = 1; n <= count; n++) {
			seconds[n - 1] = policy.backoff(n, failure).toMillis() / SECOND;
		}
		return seconds;
	}

	private static Instant at(long millis) {
		return Instant.ofEpochMilli(millis);
	}

	@Test
	void shouldRefreshRefreshBeforeExpiryAheadOfExpiry() {
		assertThat(this.noJitter.refreshAt(at(0), at(60 * MINUTE))).isEqualTo(at(55 * MINUTE));
	}

	@Test
	void shouldRefreshAtHalfLifeWhenTheTokenIsShort() {
		assertThat(this.noJitter.refreshAt(at(1000), at(1000 + 2 * MINUTE))).isEqualTo(at(1000 + MINUTE));
		assertThat(this.noJitter.refreshAt(at(0), at(0))).isEqualTo(at(0));
	}

	@Test
	void shouldNeverRefreshAPermanentToken() {
		assertThat(this.noJitter.refreshAt(at(0), null)).as("never").isNull();
	}

	@Test
	void shouldDoubleFromTheFloorUpToMaxBackoff() {
		assertThat(backoffsInSeconds(this.noJitter, 8, failure(TokenFailureReason.SERVER_ERROR, null)))
			.containsExactly(10, 20, 40, 80, 160, 300, 300, 300);
	}

	@Test
	void shouldApplyUpToTwentyPercentJitterButNeverGoBelowTheFloor() {
		EasemobTokenRequestException timeout = failure(TokenFailureReason.TIMEOUT, null);
		assertThat(backoffsInSeconds(policy(0.0), 7, timeout)).containsExactly(10, 16, 32, 64, 128, 256, 300);
		assertThat(backoffsInSeconds(policy(0.75), 6, timeout)).containsExactly(11, 22, 44, 88, 176, 300);
	}

	@Test
	void shouldNotOverflowAfterManyFailures() {
		assertThat(this.noJitter.backoff(Integer.MAX_VALUE, failure(TokenFailureReason.IO_ERROR, null)))
			.isEqualTo(Duration.ofMillis(5 * MINUTE));
	}

	@Test
	void shouldWaitMaxBackoffAfterAConfigurationError() {
		assertThat(backoffsInSeconds(policy(0.0), 3, failure(TokenFailureReason.INVALID_GRANT, null)))
			.containsExactly(300, 300, 300);
	}

	@Test
	void shouldHonourRetryAfterWhenItIsLonger() {
		EasemobTokenRequestException rateLimited = failure(TokenFailureReason.RATE_LIMITED, Duration.ofSeconds(120));
		assertThat(backoffsInSeconds(this.noJitter, 5, rateLimited)).containsExactly(120, 120, 120, 120, 160);
		assertThat(this.noJitter.backoff(1, failure(TokenFailureReason.INVALID_GRANT, Duration.ofMinutes(30))))
			.isEqualTo(Duration.ofMillis(30 * MINUTE));
	}

	@Test
	void shouldIgnoreAShorterRetryAfter() {
		assertThat(this.noJitter.backoff(3, failure(TokenFailureReason.SERVER_ERROR, Duration.ofSeconds(1))))
			.isEqualTo(Duration.ofMillis(40 * SECOND));
	}

	@Test
	void shouldRejectAZeroFloorAndACapBelowIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TokenPolicy(Duration.ZERO, Duration.ZERO, Duration.ofMinutes(5)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TokenPolicy(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(5)));
	}

}
