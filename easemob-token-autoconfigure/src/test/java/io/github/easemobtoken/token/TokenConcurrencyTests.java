package io.github.easemobtoken.token;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.test.FakeEasemobExtension;
import io.github.easemobtoken.test.TestApp;
import io.github.easemobtoken.test.VirtualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import static io.github.easemobtoken.test.Eventually.eventually;
import static io.github.easemobtoken.test.TestApp.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single flight under real concurrency: many threads at once, one token request.
 */
class TokenConcurrencyTests {

	private static final int THREADS = 16;

	@RegisterExtension
	static final FakeEasemobExtension easemob = TestApp.fake();

	private final VirtualClock clock = new VirtualClock();

	private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);

	private CachingEasemobTokenProvider provider;

	@BeforeEach
	void createProvider() {
		EasemobTokenEndpoint endpoint = new EasemobTokenEndpoint(new ReactorClientHttpConnector(), TestApp.app(easemob),
				TestApp.credentials(), null, TtlUnit.SECONDS, Duration.ofSeconds(10), this.clock);
		this.provider = CachingEasemobTokenProvider.builder(endpoint)
			.clock(this.clock)
			.scheduler(this.clock.scheduler())
			.build();
	}

	@AfterEach
	void shutDown() {
		this.provider.close();
		this.threads.shutdownNow();
	}

	/**
	 * {@code callers} subscriptions to {@code getToken()}, made from {@link #THREADS}
	 * threads released at once; all are pending together, since none blocks.
	 */
	private Set<String> concurrently(int callers, Runnable beforeEach) throws InterruptedException {
		CountDownLatch start = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(callers);
		Set<String> tokens = ConcurrentHashMap.newKeySet();
		AtomicInteger errors = new AtomicInteger();
		for (int t = 0; t < THREADS; t++) {
			int share = callers / THREADS + ((t < callers % THREADS) ? 1 : 0);
			this.threads.execute(() -> {
				awaitQuietly(start);
				for (int i = 0; i < share; i++) {
					beforeEach.run();
					this.provider.getToken().subscribe((token) -> {
						tokens.add(token.accessToken());
						done.countDown();
					}, (ex) -> {
						errors.incrementAndGet();
						done.countDown();
					});
				}
			});
		}
		start.countDown();
		assertThat(done.await(10, TimeUnit.SECONDS)).as("all callers answered").isTrue();
		assertThat(errors).hasValue(0);
		return tokens;
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void shouldSendOneRequestForAThousandConcurrentCallersOnAColdCache() throws InterruptedException {
		TestApp.issueTokens(easemob, 3600, 300);
		assertThat(concurrently(1000, () -> {
		})).containsExactly(token(1));
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(1);
	}

	@Test
	void shouldSendOneRequestForAThousandConcurrentCallersAtExpiry() throws InterruptedException {
		TestApp.issueTokens(easemob, 3600);
		assertThat(this.provider.getToken().block().accessToken()).isEqualTo(token(1));
		TestApp.continueIssuingTokens(easemob, 3600, 300);
		this.clock.advance(Duration.ofHours(1));
		assertThat(concurrently(1000, () -> {
		})).containsExactly(token(2));
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(2);
	}

	@Test
	void shouldSendOneRequestForManyConcurrentInvalidationsOfOneToken() throws InterruptedException {
		TestApp.issueTokens(easemob, 3600);
		EasemobToken rejected = this.provider.getToken().block();
		TestApp.continueIssuingTokens(easemob, 3600, 300);
		this.clock.jump(Duration.ofMinutes(1));
		assertThat(concurrently(100, () -> this.provider.invalidate(rejected))).containsExactly(token(2));
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(2);
	}

	@Test
	void shouldServeOneTokenToConcurrentCallersWhileABackgroundRefreshIsInFlight() throws InterruptedException {
		TestApp.issueTokens(easemob, 3600);
		this.provider.getToken().block();
		TestApp.continueIssuingTokens(easemob, 3600, 1000);
		this.clock.advance(Duration.ofMinutes(56));
		long start = System.nanoTime();
		assertThat(concurrently(1000, () -> {
		})).containsExactly(token(1));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
		eventually().until(() -> "…0002".equals(this.provider.getToken().block().redacted()));
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(2);
	}

}
