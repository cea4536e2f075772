package io.github.easemobtoken.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenUnavailableException;
import io.github.easemobtoken.TokenFailureReason;
import io.github.easemobtoken.autoconfigure.EasemobTokenAutoConfiguration;
import io.github.easemobtoken.autoconfigure.EasemobTokenMetricsAutoConfiguration;
import io.github.easemobtoken.autoconfigure.EasemobTokenProviderBuilderCustomizer;
import io.github.easemobtoken.autoconfigure.EasemobWebClientAutoConfiguration;
import io.github.easemobtoken.store.redis.RedisTokenStore;
import io.github.easemobtoken.test.BootLine;
import io.github.easemobtoken.test.FakeEasemobExtension;
import io.github.easemobtoken.test.RedisServer;
import io.github.easemobtoken.test.RedisValues;
import io.github.easemobtoken.test.TestApp;
import io.github.easemobtoken.test.UsersApi;
import io.github.easemobtoken.test.VirtualClock;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DeferredImportSelector;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import static io.github.easemobtoken.test.Eventually.eventually;
import static io.github.easemobtoken.test.TestApp.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Fleet mode ({@code easemob.token.store=redis}): four application contexts stand for four
 * instances of one application, on one real {@code redis-server} and one fake Easemob,
 * sharing one virtual clock. Each test asserts the exact number of token requests
 * Easemob received.
 */
@ExtendWith(OutputCaptureExtension.class)
class FleetModeTests {

	@RegisterExtension
	static final RedisServer redisServer = new RedisServer();

	@RegisterExtension
	static final FakeEasemobExtension easemob = TestApp.fake();

	private static final int INSTANCES = 4;

	private final VirtualClock clock = new VirtualClock();

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	private LettuceConnectionFactory connectionFactory;

	private ReactiveStringRedisTemplate redis;

	@BeforeEach
	void emptyRedis() {
		this.connectionFactory = new LettuceConnectionFactory("127.0.0.1", redisServer.port());
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
		this.redis = new ReactiveStringRedisTemplate(this.connectionFactory);
		this.redis.execute((connection) -> connection.serverCommands().flushAll()).blockLast();
	}

	@AfterEach
	void stopInstances() {
		this.instances.forEach(ConfigurableApplicationContext::close);
		this.connectionFactory.destroy();
	}

	/** Lifetime 6 s, refresh 2 s ahead, a 1 s floor, a 2 s response timeout. */
	private ConfigurableApplicationContext start(String... properties) {
		List<String> all = new ArrayList<>(List.of("easemob.host=" + easemob.fake().baseUrl(),
				"easemob.app-key=" + TestApp.APP_KEY, "easemob.client-id=" + TestApp.CLIENT_ID,
				"easemob.client-secret=" + TestApp.CLIENT_SECRET, "easemob.token.store=redis",
				"easemob.token.refresh-before-expiry=2s", "easemob.token.min-request-interval=1s",
				"easemob.token.max-backoff=1m", "easemob.token.store-timeout=300ms", "easemob.response-timeout=2s",
				"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redisServer.port(),
				"spring.data.redis.timeout=5s"));
		all.addAll(List.of(properties));
		VirtualClock virtualTime = this.clock;
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Instance.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(all.toArray(String[]::new))
			.initializers((applicationContext) -> applicationContext.getBeanFactory()
				.registerSingleton("virtualTime", (EasemobTokenProviderBuilderCustomizer) (builder) -> builder
					.clock(virtualTime)
					.scheduler(virtualTime.scheduler())))
			.run();
		this.instances.add(context);
		return context;
	}

	private void startFleet(String... properties) {
		for (int i = 0; i < INSTANCES; i++) {
			start(properties);
		}
	}

	private static CachingEasemobTokenProvider provider(ConfigurableApplicationContext instance) {
		return instance.getBean(CachingEasemobTokenProvider.class);
	}

	private List<CachingEasemobTokenProvider> providers() {
		return this.instances.stream().filter(ConfigurableApplicationContext::isActive).map(FleetModeTests::provider)
			.toList();
	}

	/** Wait until no instance is between deciding to get a token and having one. */
	private void awaitQuiet() {
		eventually().until(() -> providers().stream().noneMatch((provider) -> provider.status().requestInFlight()));
	}

	private static int tokenRequests() {
		return TestApp.tokenRequests(easemob);
	}

	private static String current(CachingEasemobTokenProvider provider) {
		return provider.getToken().block(Duration.ofSeconds(10)).accessToken();
	}

	@Test
	void shouldMakeOneTokenRequestWhenTheWholeFleetStartsCold() throws Exception {
		TestApp.issueTokens(easemob, 3600, 200);
		startFleet();
		ExecutorService threads = Executors.newFixedThreadPool(INSTANCES);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<List<EasemobToken>>> calls = new ArrayList<>();
			for (CachingEasemobTokenProvider provider : providers()) {
				calls.add(threads.submit(() -> {
					go.await();
					return Flux.range(0, 50).flatMap((i) -> provider.getToken()).collectList().block(Duration.ofSeconds(10));
				}));
			}
			go.countDown();
			List<String> tokens = new ArrayList<>();
			for (Future<List<EasemobToken>> call : calls) {
				call.get(20, TimeUnit.SECONDS).forEach((token) -> tokens.add(token.accessToken()));
			}
			assertThat(tokens).hasSize(200).containsOnly(token(1));
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(tokenRequests()).isEqualTo(1);
		assertThat(refreshTimers()).as("requests counted on all instances").isEqualTo(1);
	}

	@Test
	void shouldMakeOneTokenRequestPerRotationForTheWholeFleet() {
		TestApp.issueTokens(easemob, 6);
		startFleet();
		List<List<String>> seen = new ArrayList<>();
		for (CachingEasemobTokenProvider provider : providers()) {
			seen.add(new ArrayList<>(List.of(current(provider))));
		}
		for (int step = 0; step < 200 && !(tokenRequests() == 6 && allHold(token(6))); step++) {
			this.clock.advance(Duration.ofMillis(250));
			awaitQuiet();
			for (int i = 0; i < INSTANCES; i++) {
				String token = current(providers().get(i));
				List<String> tokens = seen.get(i);
				if (!tokens.get(tokens.size() - 1).equals(token)) {
					tokens.add(token);
				}
			}
		}
		List<String> sixTokens = Stream.of(1, 2, 3, 4, 5, 6).map(TestApp::token).toList();
		assertThat(seen).as("every instance took every token, and only those").containsOnly(sixTokens);
		assertThat(tokenRequests()).as("the first token, then one per rotation").isEqualTo(6);
		assertThat(refreshTimers()).isEqualTo(6);
		for (int n = 1; n <= 6; n++) {
			assertThat(RedisValues.containsPieceOf(this.redis, token(n), 12)).as("a piece of token %d in Redis", n)
				.isFalse();
		}
		assertThat(RedisValues.containsPieceOf(this.redis, TestApp.CLIENT_SECRET, 12)).isFalse();
	}

	private boolean allHold(String token) {
		return providers().stream().allMatch((provider) -> token.equals(provider.getFreshToken() != null
				? provider.getFreshToken().accessToken() : current(provider)));
	}

	@Test
	void shouldReplaceARevokedTokenOnceForTheWholeFleet() throws Exception {
		TestApp.issueTokens(easemob, 3600);
		UsersApi users = new UsersApi(easemob);
		users.acceptOnly(1);
		startFleet();
		for (CachingEasemobTokenProvider provider : providers()) {
			assertThat(current(provider)).isEqualTo(token(1));
		}
		this.clock.advance(Duration.ofSeconds(2));
		users.acceptOnly(2);
		List<Mono<String>> calls = new ArrayList<>();
		for (ConfigurableApplicationContext instance : this.instances) {
			WebClient client = instance.getBean("easemobWebClient", WebClient.class);
			for (int i = 0; i < 20; i++) {
				calls.add(client.get().uri("/users/alice").retrieve().bodyToMono(String.class));
			}
		}
		List<String> answers = Flux.merge(calls).collectList().block(Duration.ofSeconds(20));
		assertThat(answers).hasSize(80).allMatch((answer) -> answer.contains("alice"));
		assertThat(tokenRequests()).as("token 1, then one replacement").isEqualTo(2);
		awaitQuiet();
		for (CachingEasemobTokenProvider provider : providers()) {
			assertThat(current(provider)).isEqualTo(token(2));
		}
		assertThat(users.callsWith(2)).isEqualTo(80);
	}

	@Test
	void shouldBackOffAsOneInstanceWouldWhenEasemobFailsForTheWholeFleet() {
		TestApp.failWith(easemob, 503, "service_unavailable", "busy");
		startFleet();
		for (CachingEasemobTokenProvider provider : providers()) {
			EasemobTokenUnavailableException ex = catchThrowableOfType(EasemobTokenUnavailableException.class,
					() -> current(provider));
			assertThat(ex).as("every instance, owner or not, gets the fleet's failure").isNotNull();
			assertThat(ex.getLastFailure().getReason()).isEqualTo(TokenFailureReason.SERVER_ERROR);
		}
		assertThat(tokenRequests()).isEqualTo(1);
		// One instance's schedule, floor 1 s, ±20 % jitter: requests at 0, 1–1.2, 2.6–3.6,
		// 5.8–8.4, 12.2–18 and 24.6–37.2 s; the seventh not before 50.2 s.
		for (int step = 0; step < 160; step++) {
			this.clock.advance(Duration.ofMillis(250));
			awaitQuiet();
		}
		assertThat(this.clock.elapsed()).isEqualTo(Duration.ofSeconds(40));
		assertThat(tokenRequests()).isEqualTo(6);
		assertThat(refreshTimers()).isEqualTo(6);
	}

	@Test
	void shouldLetAnotherInstanceTakeOverAfterTheLeaseOfAnOwnerThatDied() {
		TestApp.issueTokens(easemob, 3600, 1500);
		ConfigurableApplicationContext doomed = start("easemob.response-timeout=5s");
		provider(doomed).getToken().subscribe(null, (ex) -> {
		});
		String lease = doomed.getBean(RedisTokenStore.class).tokenKey().replace(":token", ":lease");
		eventually().until(() -> tokenRequests() == 1); // it claimed the lease and asked Easemob
		assertThat(this.redis.getExpire(lease).block()).as("lease: response timeout + 2 × store timeout")
			.isBetween(Duration.ofMillis(5000), Duration.ofMillis(5600));
		doomed.close(); // as a killed instance: the lease stays until it runs out
		CachingEasemobTokenProvider survivor = provider(start("easemob.response-timeout=5s"));
		this.clock.advance(Duration.ofSeconds(1)); // past the floor the dead owner claimed
		Duration leaseLeft = this.redis.getExpire(lease).block();
		assertThat(leaseLeft).as("still leased when the survivor asks").isGreaterThan(Duration.ofMillis(500));
		long start = System.nanoTime();
		assertThat(current(survivor)).isIn(token(1), token(2)); // the dead owner's answer may be numbered or not
		Duration waited = Duration.ofNanos(System.nanoTime() - start);
		assertThat(waited).as("the rest of the lease, then its own request of 1.5 s")
			.isBetween(leaseLeft.plusMillis(1400), leaseLeft.plusMillis(3000));
		assertThat(tokenRequests()).as("the dead owner's, and the survivor's").isEqualTo(2);
	}

	/**
	 * After a rotation of the client secret, instances on the new secret cannot open the
	 * value sealed under the old one, here a permanent token's, which Redis keeps for good.
	 * The first that needs a token replaces it; the others take that token.
	 */
	@Test
	void shouldReplaceAPermanentTokenSealedUnderASecretThatWasRotated(CapturedOutput output) {
		TestApp.issueTokens(easemob, 0);
		ConfigurableApplicationContext first = start();
		assertThat(current(provider(first))).isEqualTo(token(1));
		String key = first.getBean(RedisTokenStore.class).tokenKey();
		String sealedUnderTheOldSecret = this.redis.opsForValue().get(key).block();
		assertThat(this.redis.getExpire(key).block()).as("a permanent token: no expiry").isEqualTo(Duration.ZERO);
		easemob.fake().acceptSecret(TestApp.APP_KEY, "YXA6-a-rotated-secret-0000000");
		this.clock.advance(Duration.ofSeconds(2));
		ConfigurableApplicationContext rotated = start("easemob.client-secret=YXA6-a-rotated-secret-0000000");
		assertThat(current(provider(rotated))).isEqualTo(token(2));
		for (int i = 0; i < 2; i++) {
			assertThat(current(provider(start("easemob.client-secret=YXA6-a-rotated-secret-0000000"))))
				.as("a later instance on the new secret").isEqualTo(token(2));
		}
		assertThat(tokenRequests()).as("token 1, then one for the new secret").isEqualTo(2);
		assertThat(this.redis.opsForValue().get(key).block()).isNotEqualTo(sealedUnderTheOldSecret);
		assertThat(current(provider(first))).as("the old instance keeps its permanent token").isEqualTo(token(1));
		assertThat(output.getAll().split("cannot decrypt", -1)).as("said once").hasSize(2);
		assertThat(output.getAll()).doesNotContain(sealedUnderTheOldSecret.substring(25, 45));
		assertThat(fallbacks(rotated, "decrypt")).isEqualTo(1);
	}

	/**
	 * After an outage of Redis each instance may hold a token of its own, and Redis one that
	 * another instance obtained. When every token is revoked, an instance answering its own
	 * 401 must not take that older token from Redis: it may be rejected too.
	 */
	@Test
	void shouldNotAnswerA401WithAStoredTokenOlderThanTheRejection() {
		TestApp.issueTokens(easemob, 3600);
		UsersApi users = new UsersApi(easemob);
		users.acceptOnly(1);
		ConfigurableApplicationContext own = start();
		assertThat(current(provider(own))).isEqualTo(token(1));
		String key = own.getBean(RedisTokenStore.class).tokenKey();
		this.redis.delete(key).block(); // Redis lost it, as after a restart
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(current(provider(start()))).as("another instance's token, in Redis now").isEqualTo(token(2));
		this.clock.advance(Duration.ofMinutes(1));
		users.acceptOnly(3);
		String answer = own.getBean("easemobWebClient", WebClient.class)
			.get()
			.uri("/users/alice")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
		assertThat(answer).contains("alice");
		assertThat(users.callsWith(2)).as("token 2 was never tried").isZero();
		assertThat(tokenRequests()).as("tokens 1, 2 and 3").isEqualTo(3);
		assertThat(current(provider(own))).isEqualTo(token(3));
	}

	@Test
	void shouldServeEveryCallQuicklyWhileRedisIsKilledAndRestarted() throws Exception {
		TestApp.issueTokens(easemob, 6);
		startFleet();
		for (CachingEasemobTokenProvider provider : providers()) {
			assertThat(current(provider)).isEqualTo(token(1));
		}
		Traffic traffic = new Traffic();
		redisServer.kill();
		traffic.run(Duration.ofSeconds(5));
		assertThat(providers()).anyMatch((provider) -> provider.status().storeProblem() != null);
		redisServer.start();
		traffic.run(Duration.ofSeconds(3));
		assertThat(traffic.failures).as("failed calls").isEmpty();
		assertThat(Collections.max(traffic.latencies)).as("slowest call").isLessThan(Duration.ofSeconds(2));
		assertThat(this.instances).allMatch((instance) -> fallbacks(instance, null) > 0);
		// Lettuce reconnects with a backoff of its own: keep rotating until a token is shared again.
		await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().untilAsserted(() -> {
			traffic.run(Duration.ofMillis(250));
			assertThat(providers()).allMatch((provider) -> provider.status().storeProblem() == null);
			assertThat(RedisValues.keys(this.redis)).anyMatch((key) -> key.endsWith(":token"));
		});
		assertThat(traffic.failures).isEmpty();
		assertThat(Collections.max(traffic.latencies)).isLessThan(Duration.ofSeconds(2));
	}

	/** Calls on every instance, measured, while virtual time runs 2.5 times as fast as real time. */
	private final class Traffic {

		final ConcurrentLinkedQueue<Duration> latencies = new ConcurrentLinkedQueue<>();

		final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

		void run(Duration duration) {
			// A tick every 100 ms of real time, the pace of real traffic: a quarter second of virtual time each.
			// take(count), not take(duration): a timer's cancel interrupts the interval's thread, which may be
			// waiting inside clock.advance at that moment; the count cancels after the last tick has run.
			Flux.interval(Duration.ofMillis(100)).take(Math.max(1, duration.toMillis() / 100)).concatMap((tick) -> {
				FleetModeTests.this.clock.advance(Duration.ofMillis(250));
				for (CachingEasemobTokenProvider provider : providers()) {
					long start = System.nanoTime();
					provider.getToken()
						.timeout(Duration.ofSeconds(5))
						.subscribe((token) -> this.latencies.add(Duration.ofNanos(System.nanoTime() - start)),
								this.failures::add);
				}
				return Mono.empty();
			}).blockLast(duration.plusSeconds(30));
			eventually().atMost(Duration.ofSeconds(10)).until(() -> providers().stream()
				.noneMatch((provider) -> provider.status().requestInFlight()));
		}

	}

	private long refreshTimers() {
		return this.instances.stream()
			.map((instance) -> instance.getBean(MeterRegistry.class))
			.mapToLong((registry) -> Search.in(registry).name("easemob.token.refresh").timers().stream()
				.mapToLong((timer) -> timer.count())
				.sum())
			.sum();
	}

	private static double fallbacks(ConfigurableApplicationContext instance, String operation) {
		Search search = Search.in(instance.getBean(MeterRegistry.class)).name("easemob.token.store.fallbacks");
		if (operation != null) {
			search = search.tag("operation", operation);
		}
		return search.counters().stream().mapToDouble((counter) -> counter.count()).sum();
	}

	@Configuration(proxyBeanMethods = false)
	@Import(Instance.AutoConfigurations.class)
	static class Instance {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		/** Spring Boot's and ours, after the user's beans, in the order auto-configuration applies them. */
		static class AutoConfigurations implements DeferredImportSelector {

			@Override
			public String[] selectImports(AnnotationMetadata metadata) {
				return Stream.of(BootLine.of(BootLine.HTTP_CLIENTS, BootLine.WEB_CLIENT, BootLine.REDIS,
						new Class<?>[] { EasemobTokenAutoConfiguration.class, EasemobWebClientAutoConfiguration.class,
								EasemobTokenMetricsAutoConfiguration.class }))
					.map(Class::getName)
					.toArray(String[]::new);
			}

		}

	}

}
