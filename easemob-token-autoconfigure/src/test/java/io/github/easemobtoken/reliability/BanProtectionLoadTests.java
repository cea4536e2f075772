package io.github.easemobtoken.reliability;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.github.easemobtoken.test.EasemobContexts;
import io.github.easemobtoken.test.FakeEasemob.Fault;
import io.github.easemobtoken.test.FakeEasemobExtension;
import io.github.easemobtoken.test.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ban protection under load: 50 threads call through {@code easemobWebClient} for 10 s
 * of real time while Easemob misbehaves; the token endpoint never sees more than
 * 10 s / min-request-interval + 1 requests. The floor is 1 s here (default 10 s), so the
 * bound, 11, is tight enough to mean something.
 */
class BanProtectionLoadTests {

	private static final int THREADS = 50;

	private static final Duration RUN = Duration.ofSeconds(10);

	private static final int BOUND = 10 / 1 + 1;

	@RegisterExtension
	static final FakeEasemobExtension easemob = TestApp.fake();

	private final ApplicationContextRunner contextRunner = EasemobContexts.withWebClient(easemob.fake().baseUrl())
		.withPropertyValues("easemob.token.min-request-interval=1s", "easemob.token.max-backoff=5s",
				"easemob.response-timeout=2s");

	/** What 50 threads saw in 10 s: HTTP statuses, and exceptions by simple class name. */
	private Map<String, Long> load(WebClient webClient) throws InterruptedException {
		Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
		long deadline = System.nanoTime() + RUN.toNanos();
		ExecutorService threads = Executors.newFixedThreadPool(THREADS);
		for (int t = 0; t < THREADS; t++) {
			threads.execute(() -> {
				while (System.nanoTime() < deadline) {
					String outcome;
					try {
						outcome = String.valueOf(webClient.get()
							.uri("/users/{username}", "alice")
							.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
							.block(Duration.ofSeconds(10)));
					}
					catch (RuntimeException ex) {
						outcome = ex.getClass().getSimpleName();
					}
					outcomes.computeIfAbsent(outcome, (key) -> new LongAdder()).increment();
				}
			});
		}
		threads.shutdown();
		assertThat(threads.awaitTermination(RUN.toSeconds() + 30, TimeUnit.SECONDS)).isTrue();
		Map<String, Long> totals = new TreeMap<>();
		outcomes.forEach((outcome, count) -> totals.put(outcome, count.sum()));
		System.out.printf("[load] %d threads, %d s: outcomes %s, %d token requests, %d API calls%n", THREADS,
				RUN.toSeconds(), totals, TestApp.tokenRequests(easemob), apiCalls());
		return totals;
	}

	private static int apiCalls() {
		return easemob.fake().apiRequests().size();
	}

	@Test
	void shouldHoldTheFloorWhileTheEndpointAnswersInvalidGrant() {
		TestApp.failWith(easemob, 400, "invalid_grant", "client_secret does not match");
		TestApp.addUsers(easemob);
		this.contextRunner.run((context) -> {
			Map<String, Long> outcomes = load(context.getBean("easemobWebClient", WebClient.class));
			assertThat(outcomes).containsOnlyKeys("EasemobTokenUnavailableException");
			assertThat(outcomes.get("EasemobTokenUnavailableException")).isGreaterThan(1000);
			assertThat(TestApp.tokenRequests(easemob)).as("0 s, 5 s and perhaps 10 s").isBetween(2, 3)
				.isLessThanOrEqualTo(BOUND);
			assertThat(apiCalls()).as("nothing sent without a token").isZero();
		});
	}

	@Test
	void shouldHoldTheFloorWhileTheEndpointAnswers503() {
		easemob.fake().failEveryTokenRequest(Fault.status(503, "service_unavailable", "down"));
		TestApp.addUsers(easemob);
		this.contextRunner.run((context) -> {
			Map<String, Long> outcomes = load(context.getBean("easemobWebClient", WebClient.class));
			assertThat(outcomes).containsOnlyKeys("EasemobTokenUnavailableException");
			assertThat(TestApp.tokenRequests(easemob)).as("backoff 1, 2, 4, 5 s").isBetween(3, 6)
				.isLessThanOrEqualTo(BOUND);
			assertThat(apiCalls()).isZero();
		});
	}

	@Test
	void shouldHoldTheFloorInAStormOf401sFromTheApi() {
		TestApp.issueTokens(easemob, 3600);
		TestApp.addUsers(easemob);
		easemob.fake().failEveryApiRequest(Fault.status(401, "unauthorized", "Unable to authenticate"));
		this.contextRunner.run((context) -> {
			Map<String, Long> outcomes = load(context.getBean("easemobWebClient", WebClient.class));
			assertThat(outcomes).containsOnlyKeys("401");
			assertThat(outcomes.get("401")).isGreaterThan(1000);
			assertThat(TestApp.tokenRequests(easemob)).as("at most one a second").isBetween(2, BOUND);
			assertThat(apiCalls()).isGreaterThan(1000);
		});
	}

}
