package io.github.easemobtoken.autoconfigure;

import java.net.ServerSocket;
import java.time.Duration;

import io.github.easemobtoken.EasemobApps;
import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.store.InMemoryTokenStore;
import io.github.easemobtoken.store.TokenStore;
import io.github.easemobtoken.store.redis.RedisTokenStore;
import io.github.easemobtoken.test.FakeEasemobExtension;
import io.github.easemobtoken.test.RedisServer;
import io.github.easemobtoken.test.TestApp;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import io.github.easemobtoken.test.BootLine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static io.github.easemobtoken.test.TestApp.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code easemob.token.store=redis} with Spring Boot's Redis auto-configuration and a real
 * {@code redis-server}: two application contexts stand for two instances of one
 * application.
 */
class EasemobRedisTokenStoreAutoConfigurationTests {

	@RegisterExtension
	static final RedisServer redisServer = new RedisServer();

	@RegisterExtension
	static final FakeEasemobExtension easemob = new FakeEasemobExtension((builder) -> TestApp.serveTestApp(builder)
		.app("org-b#app-b", TestApp.CLIENT_ID, "another-secret-0000000002"));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BootLine.of(BootLine.HTTP_CLIENTS, BootLine.REDIS,
				new Class<?>[] { EasemobTokenAutoConfiguration.class })))
		.withPropertyValues("easemob.host=" + easemob.fake().baseUrl(), "easemob.app-key=easemob-demo#testapp",
				"easemob.client-id=" + TestApp.CLIENT_ID, "easemob.client-secret=" + TestApp.CLIENT_SECRET);

	private ApplicationContextRunner withRedis() {
		return this.contextRunner.withPropertyValues("easemob.token.store=redis", "spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + redisServer.port());
	}

	@BeforeEach
	void emptyRedisAndIssueTokens() {
		withRedis().run((context) -> context.getBean(ReactiveStringRedisTemplate.class)
			.execute((connection) -> connection.serverCommands().flushAll())
			.blockLast(Duration.ofSeconds(10)));
		TestApp.issueTokens(easemob, 7200);
	}

	@Test
	void shouldShareOneTokenBetweenInstances() {
		withRedis().run((first) -> {
			assertThat(first).hasSingleBean(RedisTokenStore.class).doesNotHaveBean(InMemoryTokenStore.class);
			assertThat(first.getBean(EasemobTokenProvider.class).getToken().block().accessToken()).isEqualTo(token(1));
			ReactiveStringRedisTemplate redis = first.getBean(ReactiveStringRedisTemplate.class);
			String key = first.getBean(RedisTokenStore.class).tokenKey();
			assertThat(key).isEqualTo("easemob:{127.0.0.1:" + TestApp.port(easemob) + "/easemob-demo#testapp/"
					+ TestApp.CLIENT_ID + "}:token");
			assertThat(redis.opsForValue().get(key).block()).as("published before callers resume").startsWith("2.");
			withRedis().run((second) -> assertThat(
					second.getBean(EasemobTokenProvider.class).getToken().block().accessToken())
				.isEqualTo(token(1)));
		});
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(1);
	}

	/** {@code easemob.apps.default.*} is the app default in every respect, its store included. */
	@Test
	void shouldShareTheTokenOfTheAppDefaultWhenItsOwnKeysSayRedis() {
		ApplicationContextRunner appsDefault = this.contextRunner.withPropertyValues(
				"easemob.apps.default.token.store=redis", "spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + redisServer.port());
		appsDefault.run((first) -> {
			assertThat(first).hasSingleBean(RedisTokenStore.class).doesNotHaveBean(InMemoryTokenStore.class);
			assertThat(first.getBean(EasemobTokenProvider.class).getToken().block().accessToken()).isEqualTo(token(1));
			String key = first.getBean(RedisTokenStore.class).tokenKey();
			assertThat(first.getBean(ReactiveStringRedisTemplate.class).hasKey(key).block()).isTrue();
			appsDefault.run((second) -> assertThat(
					second.getBean(EasemobTokenProvider.class).getToken().block().accessToken())
				.isEqualTo(token(1)));
		});
		assertThat(TestApp.tokenRequests(easemob)).as("two instances, one token").isEqualTo(1);
	}

	/** What the binder reads as 'redis' must configure Redis: it did not for 're_dis'. */
	@ParameterizedTest
	@ValueSource(strings = { "Redis", "REDIS", "re_dis" })
	void shouldReadTheStoreAsTheBinderDoes(String value) {
		this.contextRunner
			.withPropertyValues("easemob.token.store=" + value, "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=" + redisServer.port())
			.run((context) -> assertThat(context).hasSingleBean(RedisTokenStore.class)
				.doesNotHaveBean(InMemoryTokenStore.class));
	}

	@Test
	void shouldKeepTwoAppsUnderTwoKeysOfOneRedis() {
		TestApp.issueTokens(easemob, "org-b", "app-b", 7200);
		ApplicationContextRunner twoApps = withRedis()
			.withConfiguration(AutoConfigurations.of(EasemobWebClientAutoConfiguration.class,
					EasemobAppsAutoConfiguration.class))
			.withPropertyValues("easemob.apps.tenant-b.app-key=org-b#app-b",
					"easemob.apps.tenant-b.client-id=" + TestApp.CLIENT_ID,
					"easemob.apps.tenant-b.client-secret=another-secret-0000000002");
		String[] tokens = new String[2];
		twoApps.run((first) -> {
			EasemobApps apps = first.getBean(EasemobApps.class);
			tokens[0] = apps.tokenProvider("default").getToken().block(Duration.ofSeconds(5)).accessToken();
			tokens[1] = apps.tokenProvider("tenant-b").getToken().block(Duration.ofSeconds(5)).accessToken();
			assertThat(tokens[0]).isNotEqualTo(tokens[1]);
			ReactiveStringRedisTemplate redis = first.getBean(ReactiveStringRedisTemplate.class);
			String namespace = "easemob:{127.0.0.1:" + TestApp.port(easemob) + "/";
			assertThat(io.github.easemobtoken.test.RedisValues.keys(redis)).filteredOn((key) -> key.endsWith(":token"))
				.containsExactlyInAnyOrder(namespace + "easemob-demo#testapp/" + TestApp.CLIENT_ID + "}:token",
						namespace + "org-b#app-b/" + TestApp.CLIENT_ID + "}:token");
		});
		twoApps.run((second) -> {
			EasemobApps apps = second.getBean(EasemobApps.class);
			assertThat(apps.tokenProvider("default").getToken().block(Duration.ofSeconds(5)).accessToken())
				.isEqualTo(tokens[0]);
			assertThat(apps.tokenProvider("tenant-b").getToken().block(Duration.ofSeconds(5)).accessToken())
				.isEqualTo(tokens[1]);
		});
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(1);
		assertThat(TestApp.tokenRequests(easemob, "org-b", "app-b")).isEqualTo(1);
	}

	@Test
	void shouldKeepTheTokenInMemoryUnlessToldOtherwise() {
		this.contextRunner.withPropertyValues("spring.data.redis.port=" + redisServer.port())
			.run((context) -> assertThat(context).hasSingleBean(InMemoryTokenStore.class)
				.doesNotHaveBean(RedisTokenStore.class));
	}

	@Test
	void shouldBackOffWhenTheUserDefinesATokenStore() {
		TokenStore own = new InMemoryTokenStore();
		withRedis().withBean("myStore", TokenStore.class, () -> own)
			.run((context) -> assertThat(context.getBean(TokenStore.class)).isSameAs(own));
	}

	@Test
	void shouldKeepWorkingWhenRedisIsDown() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		this.contextRunner
			.withPropertyValues("easemob.token.store=redis", "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=" + closedPort, "spring.data.redis.connect-timeout=1s")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(RedisTokenStore.class);
				long start = System.nanoTime();
				assertThat(context.getBean(EasemobTokenProvider.class).getToken().block(Duration.ofSeconds(20)).accessToken())
					.isEqualTo(token(1));
				assertThat(Duration.ofNanos(System.nanoTime() - start)).as("at most the store timeout, 500 ms, more")
					.isLessThan(Duration.ofMillis(1500));
				assertThat(TestApp.tokenRequests(easemob)).isEqualTo(1);
				assertThat(context.getBean(CachingEasemobTokenProvider.class).status().storeProblem())
					.startsWith("read failed at ");
			});
	}

	@Test
	void shouldStopStartupWhenSpringDataRedisIsMissing() {
		assertThat(analysisOf(withRedis().withClassLoader(new FilteredClassLoader(ReactiveStringRedisTemplate.class)))
			.getDescription()).contains("Property: easemob.token.store")
			.contains("'redis' needs Spring Data Redis: add the dependency "
					+ "org.springframework.boot:spring-boot-starter-data-redis-reactive and configure spring.data.redis.*, "
					+ "or set 'memory'");
	}

	@Test
	void shouldStopStartupWhenThereIsNoRedisTemplate() {
		ApplicationContextRunner withoutBootsRedis = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BootLine.of(BootLine.HTTP_CLIENTS,
					new Class<?>[] { EasemobTokenAutoConfiguration.class })))
			.withPropertyValues("easemob.host=" + easemob.fake().baseUrl(), "easemob.app-key=easemob-demo#testapp",
					"easemob.client-id=" + TestApp.CLIENT_ID, "easemob.client-secret=" + TestApp.CLIENT_SECRET,
					"easemob.token.store=redis");
		assertThat(analysisOf(withoutBootsRedis).getDescription()).contains("Property: easemob.token.store")
			.contains("'redis' needs one ReactiveStringRedisTemplate bean, and there is none or more than one");
	}

	private static FailureAnalysis analysisOf(ApplicationContextRunner runner) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		runner.run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = new InvalidEasemobPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
		});
		assertThat(analysis[0]).as("analysis").isNotNull();
		return analysis[0];
	}

}
