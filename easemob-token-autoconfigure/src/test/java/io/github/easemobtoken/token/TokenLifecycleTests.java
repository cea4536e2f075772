package io.github.easemobtoken.token;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenRequestException;
import io.github.easemobtoken.TokenFailureReason;
import io.github.easemobtoken.token.TokenLifecycle.Decision;
import io.github.easemobtoken.token.TokenLifecycle.Rejection;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TokenLifecycle} as tables, with no Reactor, no clock and no HTTP: state and
 * instant → decision; state and outcome → next state. Policy: refresh 5 min ahead, a 10 s
 * floor, 5 min max backoff, no jitter. Times are seconds after {@code T0}.
 */
class TokenLifecycleTests {

	private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private static final TokenLifecycle lifecycle = new TokenLifecycle(
			new TokenPolicy(Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofMinutes(5), () -> 0.5));

	private static Instant at(long seconds) {
		return T0.plusSeconds(seconds);
	}

	private static EasemobToken token(String name, @Nullable Long expiresAtSecond) {
		return new EasemobToken("YWMt-" + name, (expiresAtSecond != null) ? at(expiresAtSecond) : null, null);
	}

	/** A token of one hour obtained (requested) at {@code second}: refresh from +55 min. */
	private static TokenState holding(long second) {
		return lifecycle.obtained(TokenState.INITIAL, token("a", second + 3600), at(second), true, at(second));
	}

	private static EasemobTokenRequestException failure(TokenFailureReason reason, @Nullable Duration retryAfter) {
		return new EasemobTokenRequestException(reason.tag(), reason, 0, null, null, retryAfter, null);
	}

	static Stream<Arguments> decisions() {
		TokenState hour = holding(0);
		TokenState due = lifecycle.due(hour, at(3300));
		TokenState failedWhileValid = lifecycle.failed(due, failure(TokenFailureReason.SERVER_ERROR, null),
				new TokenLifecycle.Backoff(1, at(3310)));
		TokenState expiredAndFailed = lifecycle.failed(lifecycle.due(hour, at(3600)),
				failure(TokenFailureReason.SERVER_ERROR, null), new TokenLifecycle.Backoff(1, at(3700)));
		TokenState permanent = lifecycle.obtained(TokenState.INITIAL, token("p", null), at(0), true, at(0));
		return Stream.of(
				Arguments.of("nothing yet", TokenState.INITIAL, 0, Decision.REFRESH_AND_WAIT),
				Arguments.of("nothing yet, a request under way", lifecycle.requesting(TokenState.INITIAL), 0,
						Decision.WAIT),
				Arguments.of("fresh", hour, 60, Decision.SERVE),
				Arguments.of("refresh due, floor passed", due, 3300, Decision.SERVE_AND_REFRESH),
				Arguments.of("refresh due, a request under way", lifecycle.requesting(due), 3300, Decision.SERVE),
				Arguments.of("refresh due, backing off", failedWhileValid, 3305, Decision.SERVE),
				Arguments.of("refresh due, backoff passed", failedWhileValid, 3310, Decision.SERVE_AND_REFRESH),
				Arguments.of("expired, backing off", expiredAndFailed, 3650, Decision.FAIL),
				Arguments.of("expired, backoff passed", expiredAndFailed, 3700, Decision.REFRESH_AND_WAIT),
				Arguments.of("expired, timer late (still marked fresh)", hour, 3600, Decision.REFRESH_AND_WAIT),
				Arguments.of("closed, nothing held", lifecycle.closed(TokenState.INITIAL), 0, Decision.FAIL),
				Arguments.of("closed, valid token due", lifecycle.closed(due), 3300, Decision.SERVE),
				Arguments.of("closed, expired", lifecycle.closed(hour), 3600, Decision.FAIL),
				Arguments.of("closed while a request is under way, nothing held",
						lifecycle.closed(lifecycle.requesting(TokenState.INITIAL)), 0, Decision.FAIL),
				Arguments.of("permanent, a century on", lifecycle.due(permanent, at(3_000_000_000L)), 3_000_000_000L,
						Decision.SERVE));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("decisions")
	void shouldDecideWhatACallerGets(String row, TokenState state, long second, Decision expected) {
		assertThat(lifecycle.decide(state, at(second))).isEqualTo(expected);
	}

	@Test
	void shouldMoveTheFloorToTheStartOfARequestThatBroughtAToken() {
		TokenState s = lifecycle.obtained(lifecycle.requesting(TokenState.INITIAL), token("a", 3600L), at(0), true,
				at(2));
		assertThat(s.held().refreshAt()).isEqualTo(at(3300));
		assertThat(s.held().expiresAt()).isEqualTo(at(3600));
		assertThat(s.fresh()).isTrue();
		assertThat(s.requesting()).isFalse();
		assertThat(s.nextAttemptAt()).as("its start + floor, not its end").isEqualTo(at(10));
		assertThat(s.failures()).isZero();
	}

	@Test
	void shouldLeaveTheFloorAloneForATokenTakenFromTheStore() {
		TokenState before = lifecycle.failed(TokenState.INITIAL, failure(TokenFailureReason.SERVER_ERROR, null),
				new TokenLifecycle.Backoff(2, at(40)));
		TokenState s = lifecycle.obtained(lifecycle.requesting(before), token("b", 3600L), at(30), false, at(31));
		assertThat(s.nextAttemptAt()).as("no request was sent").isEqualTo(at(40));
		assertThat(s.failures()).isZero();
		assertThat(s.lastFailure()).isNull();
	}

	@Test
	void shouldNeverRefreshOrExpireAPermanentToken() {
		TokenState s = lifecycle.obtained(TokenState.INITIAL, token("p", null), at(0), true, at(0));
		assertThat(s.held().refreshAt()).isNull();
		assertThat(s.held().expiresAt()).isNull();
		assertThat(lifecycle.wakeUpAt(s)).as("no timer").isNull();
		assertThat(lifecycle.status(s, at(1_000_000), null).state()).isEqualTo(TokenStatus.State.PERMANENT);
	}

	@Test
	void shouldBackOffExponentiallyFromTheFloorUpToMaxBackoff() {
		TokenState s = TokenState.INITIAL;
		long[] delays = new long[7];
		for (int n = 0; n < delays.length; n++) {
			TokenLifecycle.Backoff backoff = lifecycle.backoff(s, 0, at(1000), at(1000),
					failure(TokenFailureReason.SERVER_ERROR, null));
			delays[n] = backoff.notBefore().getEpochSecond() - at(1000).getEpochSecond();
			assertThat(backoff.failures()).isEqualTo(n + 1);
			s = lifecycle.failed(s, failure(TokenFailureReason.SERVER_ERROR, null), backoff);
		}
		assertThat(delays).containsExactly(10, 20, 40, 80, 160, 300, 300);
	}

	@Test
	void shouldNeverAllowTheNextRequestBeforeTheFloorAfterTheFailedOnesStart() {
		TokenLifecycle.Backoff backoff = lifecycle.backoff(TokenState.INITIAL, 0, at(0), at(1),
				failure(TokenFailureReason.TIMEOUT, null));
		assertThat(backoff.notBefore()).as("end + 10 s").isEqualTo(at(11));
		TokenLifecycle.Backoff quick = lifecycle.backoff(TokenState.INITIAL, 0, at(0), at(0),
				failure(TokenFailureReason.IO_ERROR, null));
		assertThat(quick.notBefore()).isEqualTo(at(10));
	}

	@Test
	void shouldWaitMaxBackoffAfterAConfigurationErrorAndHonourALongerRetryAfter() {
		assertThat(lifecycle.backoff(TokenState.INITIAL, 0, at(0), at(0), failure(TokenFailureReason.INVALID_GRANT, null))
			.notBefore()).isEqualTo(at(300));
		assertThat(lifecycle
			.backoff(TokenState.INITIAL, 0, at(0), at(0), failure(TokenFailureReason.RATE_LIMITED, Duration.ofSeconds(120)))
			.notBefore()).isEqualTo(at(120));
	}

	@Test
	void shouldCountTheFleetsFailuresWhenTheStoreIsShared() {
		TokenState once = lifecycle.failed(TokenState.INITIAL, failure(TokenFailureReason.SERVER_ERROR, null),
				new TokenLifecycle.Backoff(1, at(10)));
		TokenLifecycle.Backoff fleet = lifecycle.backoff(once, 3, at(100), at(100),
				failure(TokenFailureReason.SERVER_ERROR, null));
		assertThat(fleet.failures()).as("the fleet's 3, then this one").isEqualTo(4);
		assertThat(fleet.notBefore()).as("10 s × 2^3").isEqualTo(at(180));
		assertThat(lifecycle.backoff(once, 0, at(100), at(100), failure(TokenFailureReason.SERVER_ERROR, null))
			.failures()).as("this instance's own count").isEqualTo(2);
	}

	@Test
	void shouldKeepAValidTokenAndTheLaterInstantWhenARequestFails() {
		TokenState s = lifecycle.deferred(holding(0), at(500), null);
		TokenState failed = lifecycle.failed(s, failure(TokenFailureReason.SERVER_ERROR, null),
				new TokenLifecycle.Backoff(1, at(400)));
		assertThat(failed.token()).isEqualTo(holding(0).token());
		assertThat(failed.nextAttemptAt()).as("the fleet's hold is later than the backoff").isEqualTo(at(500));
		assertThat(failed.lastFailure().getReason()).isEqualTo(TokenFailureReason.SERVER_ERROR);
		assertThat(failed.failures()).isEqualTo(1);
	}

	@Test
	void shouldTakeTheFleetsHoldAndItsFailureWithoutCountingARequest() {
		EasemobTokenRequestException reported = failure(TokenFailureReason.INVALID_GRANT, null);
		TokenState s = lifecycle.deferred(lifecycle.requesting(TokenState.INITIAL), at(20), reported);
		assertThat(s.nextAttemptAt()).isEqualTo(at(20));
		assertThat(s.lastFailure()).isSameAs(reported);
		assertThat(s.failures()).isZero();
		assertThat(s.requesting()).isFalse();
	}

	@Test
	void shouldKeepATokenRejectedYoungerThanTheFloorAndDropAnOlderOne() {
		TokenState s = holding(0);
		EasemobToken held = s.token();
		assertThat(lifecycle.rejection(s, held, at(9))).isEqualTo(Rejection.KEPT);
		assertThat(lifecycle.rejection(s, held, at(10))).isEqualTo(Rejection.DROPPED);
		assertThat(lifecycle.rejection(s, token("other", 3600L), at(60))).isEqualTo(Rejection.NOT_CURRENT);
		TokenState dropped = lifecycle.dropped(s, at(60));
		assertThat(dropped.token()).isNull();
		assertThat(dropped.previous()).isEqualTo(held);
		assertThat(dropped.rejectedAt()).isEqualTo(at(60));
		assertThat(lifecycle.decide(dropped, at(60))).isEqualTo(Decision.REFRESH_AND_WAIT);
	}

	@Test
	void shouldNotTakeFromTheStoreATokenItHeldOrOneDueForRefresh() {
		TokenState s = holding(0);
		assertThat(lifecycle.mayAdopt(s, s.token(), at(0), at(3300))).as("its own").isFalse();
		assertThat(lifecycle.mayAdopt(lifecycle.dropped(s, at(3300)), s.token(), at(0), at(3300)))
			.as("the one it dropped").isFalse();
		assertThat(lifecycle.mayAdopt(s, token("b", 3600L), at(0), at(3300))).as("due").isFalse();
		assertThat(lifecycle.mayAdopt(s, token("b", 7200L), at(3600), at(3300))).as("newer").isTrue();
	}

	@Test
	void shouldAnswerA401OnlyWithAStoredTokenNotOlderThanTheRejection() {
		TokenState rejected = lifecycle.dropped(holding(0), at(600));
		assertThat(lifecycle.mayAdopt(rejected, token("b", 3602L), at(2), at(600)))
			.as("obtained long before the rejection").isFalse();
		assertThat(lifecycle.mayAdopt(rejected, token("c", 4195L), at(595), at(600)))
			.as("the fleet's replacement, requested within the floor before it").isTrue();
		assertThat(lifecycle.mayAdopt(rejected, token("d", 4201L), at(601), at(601))).as("after it").isTrue();
		TokenState replaced = lifecycle.obtained(rejected, token("d", 4201L), at(601), true, at(601));
		assertThat(replaced.rejectedAt()).as("answered").isNull();
	}

	@Test
	void shouldWakeUpAtTheRefreshThenWhenTheNextRequestIsAllowed() {
		TokenState s = holding(0);
		assertThat(lifecycle.wakeUpAt(s)).isEqualTo(at(3300));
		TokenState backingOff = lifecycle.failed(lifecycle.due(s, at(3300)),
				failure(TokenFailureReason.SERVER_ERROR, null), new TokenLifecycle.Backoff(1, at(3320)));
		assertThat(lifecycle.wakeUpAt(backingOff)).isEqualTo(at(3320));
		assertThat(lifecycle.wakeUpAt(lifecycle.requesting(backingOff))).as("the request's end sets it").isNull();
		assertThat(lifecycle.wakeUpAt(lifecycle.closed(s))).isNull();
		TokenState nothing = lifecycle.failed(TokenState.INITIAL, failure(TokenFailureReason.TIMEOUT, null),
				new TokenLifecycle.Backoff(1, at(10)));
		assertThat(lifecycle.wakeUpAt(nothing)).isEqualTo(at(10));
	}

	@Test
	void shouldClearFreshOnlyOnceTheRefreshIsDue() {
		TokenState s = holding(0);
		assertThat(lifecycle.due(s, at(3299))).isSameAs(s);
		assertThat(lifecycle.due(s, at(3300)).fresh()).isFalse();
		assertThat(lifecycle.untimed(s).fresh()).as("no timer: read the clock").isFalse();
	}

	@Test
	void shouldSayWhenATokenLivesLessThanTwiceTheFloor() {
		assertThat(lifecycle.isShortLived(at(0), at(19))).isTrue();
		assertThat(lifecycle.isShortLived(at(0), at(20))).isFalse();
		assertThat(lifecycle.isShortLived(at(0), null)).isFalse();
	}

	@Test
	void shouldReportTheStatusOfEachState() {
		assertThat(lifecycle.status(TokenState.INITIAL, at(0), null).state())
			.isEqualTo(TokenStatus.State.NOT_YET_OBTAINED);
		assertThat(lifecycle.status(holding(0), at(0), null).state()).isEqualTo(TokenStatus.State.VALID);
		assertThat(lifecycle.status(holding(0), at(3600), null).state()).isEqualTo(TokenStatus.State.NO_VALID_TOKEN);
		assertThat(lifecycle.status(lifecycle.dropped(holding(0), at(60)), at(60), null).state())
			.isEqualTo(TokenStatus.State.NO_VALID_TOKEN);
	}

}
