package io.github.easemobtoken.user;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The limiter of one instance, on virtual time: permits {@code 1.05 s / max} apart, a caller
 * past the limit waiting its turn, and one whose turn is too far refused at once.
 */
class LocalUserTokenLimiterTests {

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	@AfterEach
	void dispose() {
		this.time.dispose();
	}

	@Test
	void shouldSpaceThePermitsEvenlyAndLetCallersWaitTheirTurn() {
		LocalUserTokenLimiter limiter = new LocalUserTokenLimiter(20, Duration.ofSeconds(10), this.time);
		assertThat(LocalUserTokenLimiter.intervalNanos(20)).isEqualTo(52_500_000L);
		List<Long> granted = new ArrayList<>();
		Flux.range(0, 21)
			.flatMap((i) -> limiter.acquire().then(Mono.fromRunnable(
					() -> granted.add(this.time.now(TimeUnit.MILLISECONDS)))))
			.subscribe();
		this.time.advanceTimeBy(Duration.ofMillis(990));
		assertThat(granted).as("0, 52.5, … 945 ms").hasSize(19);
		this.time.advanceTimeBy(Duration.ofMillis(60));
		assertThat(granted).as("the 20th at 997.5 ms, the 21st at 1,050 ms").hasSize(21);
		assertThat(granted.get(20) - granted.get(0)).isEqualTo(1050);
	}

	@Test
	void shouldRefuseAtOnceACallerWhoseTurnIsFurtherThanTheLongestWait() {
		LocalUserTokenLimiter limiter = new LocalUserTokenLimiter(1, Duration.ofSeconds(2), this.time);
		List<Throwable> refused = new ArrayList<>();
		List<Integer> granted = new ArrayList<>();
		Flux.range(0, 4)
			.flatMap((i) -> limiter.acquire().thenReturn(i).onErrorResume((ex) -> {
				refused.add(ex);
				return Mono.empty();
			}))
			.subscribe(granted::add);
		assertThat(refused).as("turns at 2.1 s and 3.15 s, refused before any time passes").hasSize(2);
		assertThat(refused.get(0)).isInstanceOf(UserTokenLimitException.class)
			.hasMessage("the user-token requests of this app are limited to 1 a second, and this one's turn is 2100 ms "
					+ "away, more than the 2000 ms it may wait");
		// the refused took no turn: 200 ms on, a caller's turn is the third one, at 2.1 s, 1.9 s away
		this.time.advanceTimeBy(Duration.ofMillis(200));
		List<Long> next = new ArrayList<>();
		limiter.acquire().subscribe(null, null, () -> next.add(this.time.now(TimeUnit.MILLISECONDS)));
		this.time.advanceTimeBy(Duration.ofSeconds(5));
		assertThat(granted).containsExactly(0, 1);
		assertThat(next).containsExactly(2100L);
	}

	@Test
	void shouldRefuseALimitBelowOne() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LocalUserTokenLimiter(0, Duration.ofSeconds(1), this.time))
			.withMessageContaining("must be positive");
	}

}
