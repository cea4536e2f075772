package io.github.easemobtoken.user;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import io.github.easemobtoken.EasemobUserToken;
import io.github.easemobtoken.EasemobUserTokens;
import io.github.easemobtoken.autoconfigure.EasemobUserTokensAutoConfiguration;
import io.github.easemobtoken.test.BootLine;
import io.github.easemobtoken.test.FakeEasemob.UserTokenRequest;
import io.github.easemobtoken.test.FakeEasemobExtension;
import io.github.easemobtoken.test.RedisServer;
import io.github.easemobtoken.test.TestApp;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login bursts against the fake Easemob, in real time: the per-app limit of user-token
 * requests holds for one instance and, on a real {@code redis-server}, for a fleet; callers
 * past it wait their turn and none fails.
 */
class UserTokenBurstTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	@RegisterExtension
	static final FakeEasemobExtension easemob = TestApp.fake();

	private ApplicationContextRunner contextRunner(String... properties) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BootLine.of(BootLine.HTTP_CLIENTS, BootLine.REDIS,
					BootLine.METRICS,
					new Class<?>[] { io.github.easemobtoken.autoconfigure.EasemobTokenAutoConfiguration.class,
							io.github.easemobtoken.autoconfigure.EasemobTokenMetricsAutoConfiguration.class,
							EasemobUserTokensAutoConfiguration.class })))
			.withPropertyValues(easemob.properties()
				.entrySet()
				.stream()
				.map((entry) -> entry.getKey() + "=" + entry.getValue())
				.toArray(String[]::new))
			.withPropertyValues("easemob.app-key=" + TestApp.APP_KEY, "easemob.client-id=" + TestApp.CLIENT_ID,
					"easemob.client-secret=" + TestApp.CLIENT_SECRET, "easemob.user-token.auto-create-user=true",
					"easemob.response-timeout=10s", "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=" + redis.port())
			.withPropertyValues(properties);
	}

	@BeforeEach
	void tokens() {
		TestApp.issueTokens(easemob, 3600);
	}

	/** The most requests that arrived within any one second. */
	private static int busiestSecond(List<UserTokenRequest> requests) {
		List<Instant> arrivals = new ArrayList<>(requests.stream().map(UserTokenRequest::receivedAt).toList());
		Collections.sort(arrivals);
		int most = 0;
		int first = 0;
		for (int last = 0; last < arrivals.size(); last++) {
			while (!arrivals.get(first).plusSeconds(1).isAfter(arrivals.get(last))) {
				first++;
			}
			most = Math.max(most, last - first + 1);
		}
		return most;
	}

	private static List<EasemobUserToken> logins(AssertableApplicationContext context, int logins, int users,
			String prefix) {
		return burst(context, logins, users, prefix).collectList().block(WAIT);
	}

	private static Flux<EasemobUserToken> burst(AssertableApplicationContext context, int logins, int users,
			String prefix) {
		EasemobUserTokens userTokens = context.getBean(EasemobUserTokens.class);
		return Flux.fromStream(IntStream.range(0, logins).boxed())
			.flatMap((i) -> userTokens.issue(prefix + (i % users)), logins);
	}

	@Test
	void shouldSpreadABurstOf1000LoginsOf200UsersUnderTheLimitWithoutAFailure() {
		// Each user's five logins arrive while its request is in flight, as in a burst
		easemob.fake().tokenDelay(Duration.ofMillis(200));
		contextRunner().run((context) -> {
			List<EasemobUserToken> tokens = logins(context, 1000, 200, "user");
			assertThat(tokens).hasSize(1000).allSatisfy((token) -> assertThat(token).isNotNull());
			List<UserTokenRequest> requests = easemob.fake().userTokenRequests();
			assertThat(requests).as("one request per user: the same user's logins share it").hasSize(200);
			assertThat(requests).extracting(UserTokenRequest::status).containsOnly(200);
			assertThat(busiestSecond(requests)).as("the default limit, 50 a second").isLessThanOrEqualTo(50);
			assertThat(Duration.between(requests.get(0).receivedAt(), requests.get(199).receivedAt()))
				.as("200 requests, 21 ms apart").isGreaterThanOrEqualTo(Duration.ofMillis(4100));
			assertThat(easemob.fake().tokenRequestCount()).as("the app token's own request, once").isEqualTo(1);
			assertThat(context.getBean(MeterRegistry.class)
				.get("easemob.user-token.requests")
				.tag("outcome", "success")
				.timer()
				.count()).isEqualTo(200);
		});
	}

	@Test
	void shouldHoldAFleetOfThreeToTheLimitTogetherThroughRedis() {
		ApplicationContextRunner fleet = contextRunner("easemob.token.store=redis",
				"easemob.user-token.max-requests-per-second=20");
		fleet.run((first) -> fleet.run((second) -> fleet.run((third) -> {
			// The three bursts at once: 20 logins of 20 users on each instance
			List<EasemobUserToken> tokens = Flux
				.merge(burst(first, 20, 20, "first-"), burst(second, 20, 20, "second-"),
						burst(third, 20, 20, "third-"))
				.collectList()
				.block(WAIT);
			assertThat(tokens).hasSize(60);
			List<UserTokenRequest> requests = easemob.fake().userTokenRequests();
			assertThat(requests).hasSize(60).extracting(UserTokenRequest::status).containsOnly(200);
			assertThat(busiestSecond(requests)).as("20 a second for the fleet, not 60").isLessThanOrEqualTo(20);
			assertThat(Duration.between(requests.get(0).receivedAt(), requests.get(59).receivedAt()))
				.as("60 requests, 52.5 ms apart").isGreaterThanOrEqualTo(Duration.ofMillis(3000));
			assertThat(easemob.fake().tokenRequestCount()).as("one app token for the fleet").isEqualTo(1);
			for (AssertableApplicationContext instance : List.of(first, second, third)) {
				assertThat(instance.getBean(MeterRegistry.class)
					.find("easemob.token.store.fallbacks")
					.tag("operation", "user-token-limit")
					.counters()).isEmpty();
			}
		})));
	}

	@Test
	void shouldFallBackToItsOwnLimitWhileRedisIsDown() throws Exception {
		ApplicationContextRunner instance = contextRunner("easemob.token.store=redis",
				"easemob.user-token.max-requests-per-second=20", "easemob.token.store-timeout=200ms");
		instance.run((context) -> {
			EasemobUserTokens userTokens = context.getBean(EasemobUserTokens.class);
			userTokens.issue("before").block(WAIT);
			redis.kill();
			try {
				List<EasemobUserToken> tokens = logins(context, 10, 10, "during");
				assertThat(tokens).hasSize(10);
				assertThat(context.getBean(MeterRegistry.class)
					.get("easemob.token.store.fallbacks")
					.tag("operation", "user-token-limit")
					.counter()
					.count()).isEqualTo(10);
			}
			finally {
				redis.start();
			}
			List<UserTokenRequest> requests = easemob.fake().userTokenRequests();
			assertThat(requests).hasSize(11).extracting(UserTokenRequest::status).containsOnly(200);
			assertThat(busiestSecond(requests)).isLessThanOrEqualTo(20);
		});
	}

}
