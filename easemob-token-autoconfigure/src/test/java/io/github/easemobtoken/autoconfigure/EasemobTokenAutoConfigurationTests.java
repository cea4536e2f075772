package io.github.easemobtoken.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.EasemobTokenUnavailableException;
import io.github.easemobtoken.TokenFailureReason;
import io.github.easemobtoken.store.InMemoryTokenStore;
import io.github.easemobtoken.store.TokenStore;
import io.github.easemobtoken.test.FakeEasemob;
import io.github.easemobtoken.test.FakeEasemobExtension;
import io.github.easemobtoken.test.FixedTokenProvider;
import io.github.easemobtoken.test.KeepingTokenStore;
import io.github.easemobtoken.test.TestApp;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import io.github.easemobtoken.token.TtlUnit;
import io.github.easemobtoken.test.BootLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static io.github.easemobtoken.test.TestApp.CLIENT_ID;
import static io.github.easemobtoken.test.TestApp.CLIENT_SECRET;
import static io.github.easemobtoken.test.TestApp.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link EasemobTokenAutoConfiguration}: binding, the beans it creates and when it backs
 * off.
 */
class EasemobTokenAutoConfigurationTests {

	@RegisterExtension
	static final FakeEasemobExtension easemob = TestApp.fake();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(BootLine.of(BootLine.HTTP_CLIENTS,
					new Class<?>[] { EasemobTokenAutoConfiguration.class })));

	private ApplicationContextRunner withEasemob() {
		return this.contextRunner.withPropertyValues("easemob.host=" + easemob.fake().baseUrl(),
				"easemob.org-name=" + TestApp.ORG, "easemob.app-name=" + TestApp.APP,
				"easemob.client-id=" + CLIENT_ID, "easemob.client-secret=" + CLIENT_SECRET);
	}

	@Test
	void shouldBindEveryKey() {
		this.contextRunner
			.withPropertyValues("easemob.enabled=true", "easemob.host=a61.easemob.com", "easemob.org-name=org1",
					"easemob.app-name=app1", "easemob.app-key=org1#app1", "easemob.client-id=id1",
					"easemob.client-secret=secret1", "easemob.ttl=7d", "easemob.ttl-unit=milliseconds",
					"easemob.connect-timeout=2s", "easemob.response-timeout=3s", "easemob.max-connections=7",
					"easemob.token.refresh-before-expiry=10m", "easemob.token.min-request-interval=20s",
					"easemob.token.max-backoff=15m", "easemob.token.store=memory")
			.run((context) -> {
				EasemobProperties properties = context.getBean(EasemobProperties.class);
				assertThat(properties.isEnabled()).isTrue();
				assertThat(properties.getHost()).isEqualTo("a61.easemob.com");
				assertThat(properties.getOrgName()).isEqualTo("org1");
				assertThat(properties.getAppName()).isEqualTo("app1");
				assertThat(properties.getAppKey()).isEqualTo("org1#app1");
				assertThat(properties.getClientId()).isEqualTo("id1");
				assertThat(properties.getClientSecret()).isEqualTo("secret1");
				assertThat(properties.getTtl()).isEqualTo(Duration.ofDays(7));
				assertThat(properties.getTtlUnit()).isEqualTo(TtlUnit.MILLISECONDS);
				assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.getResponseTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(properties.getMaxConnections()).isEqualTo(7);
				assertThat(properties.getToken().getRefreshBeforeExpiry()).isEqualTo(Duration.ofMinutes(10));
				assertThat(properties.getToken().getMinRequestInterval()).isEqualTo(Duration.ofSeconds(20));
				assertThat(properties.getToken().getMaxBackoff()).isEqualTo(Duration.ofMinutes(15));
				assertThat(properties.getToken().getStore()).isEqualTo(EasemobProperties.Store.MEMORY);
			});
	}

	@Test
	void shouldBindFromEnvironmentVariablesWithoutDashes() {
		this.contextRunner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("EASEMOB_HOST", "a61.easemob.com", "EASEMOB_APPKEY", "org1#app1", "EASEMOB_CLIENTID", "id1",
							"EASEMOB_CLIENTSECRET", "secret1", "EASEMOB_TOKEN_MINREQUESTINTERVAL", "30s"))))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				EasemobProperties properties = context.getBean(EasemobProperties.class);
				assertThat(properties.getHost()).isEqualTo("a61.easemob.com");
				assertThat(properties.getAppKey()).isEqualTo("org1#app1");
				assertThat(properties.getClientId()).isEqualTo("id1");
				assertThat(properties.getClientSecret()).isEqualTo("secret1");
				assertThat(properties.getToken().getMinRequestInterval()).isEqualTo(Duration.ofSeconds(30));
			});
	}

	@Test
	void shouldHaveTheDocumentedDefaults() {
		withEasemob().run((context) -> {
			EasemobProperties properties = context.getBean(EasemobProperties.class);
			assertThat(properties.getTtl()).isNull();
			assertThat(properties.getTtlUnit()).isEqualTo(TtlUnit.SECONDS);
			assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.getResponseTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.getMaxConnections()).isEqualTo(50);
			assertThat(properties.getToken().getRefreshBeforeExpiry()).isEqualTo(Duration.ofMinutes(5));
			assertThat(properties.getToken().getMinRequestInterval()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.getToken().getMaxBackoff()).isEqualTo(Duration.ofMinutes(5));
			assertThat(properties.getToken().getStore()).isEqualTo(EasemobProperties.Store.MEMORY);
			assertThat(new EasemobProperties().getHost()).isEqualTo("a1.easemob.com");
		});
	}

	@Test
	void shouldReadABareTtlAsSecondsAndSendItInTheConfiguredUnit() {
		TestApp.issueTokens(easemob, 2000);
		withEasemob().withPropertyValues("easemob.ttl=2", "easemob.ttl-unit=milliseconds").run((context) -> {
			assertThat(context.getBean(EasemobProperties.class).getTtl()).isEqualTo(Duration.ofSeconds(2));
			context.getBean(EasemobTokenProvider.class).getToken().block(Duration.ofSeconds(5));
			assertThat(easemob.fake().tokenRequests()).as("200: grant_type and secret right")
				.containsExactly(new FakeEasemob.TokenRequest(TestApp.APP_KEY, CLIENT_ID, 2000L, 200));
		});
	}

	@Test
	void shouldProvideTheTokenProviderBeanAndObtainATokenFromTheConfiguredHost() {
		TestApp.issueTokens(easemob, 3600);
		withEasemob().run((context) -> {
			assertThat(context).hasSingleBean(EasemobTokenProvider.class)
				.hasBean("easemobTokenProvider")
				.hasSingleBean(CachingEasemobTokenProvider.class)
				.hasSingleBean(InMemoryTokenStore.class);
			EasemobToken token = context.getBean(EasemobTokenProvider.class).getToken().block(Duration.ofSeconds(5));
			assertThat(token.accessToken()).isEqualTo(token(1));
			assertThat(TestApp.tokenRequests(easemob)).isEqualTo(1);
		});
	}

	@Test
	void shouldResumeCallersThatWaitedForATokenOffTheHttpClientsEventLoop() {
		TestApp.issueTokens(easemob, 3600, 200);
		withEasemob().run((context) -> {
			Mono<String> thread = context.getBean(EasemobTokenProvider.class)
				.getToken()
				.map((token) -> Thread.currentThread().getName());
			List<String> waited = Flux.range(0, 20).flatMap((i) -> thread, 20).collectList().block(Duration.ofSeconds(5));
			assertThat(waited).hasSize(20).allSatisfy((name) -> assertThat(name).startsWith("easemob-token-"));
			assertThat(thread.block()).as("a fresh token comes on the caller's thread")
				.isEqualTo(Thread.currentThread().getName());
		});
	}

	@Test
	void shouldAcceptAnAppKeyInsteadOfOrgAndAppName() {
		TestApp.issueTokens(easemob, 3600);
		this.contextRunner
			.withPropertyValues("easemob.host=" + easemob.fake().baseUrl(), "easemob.app-key=easemob-demo#testapp",
					"easemob.client-id=" + CLIENT_ID, "easemob.client-secret=" + CLIENT_SECRET)
			.run((context) -> {
				assertThat(context.getBean(EasemobTokenProvider.class).getToken().block(Duration.ofSeconds(5))
					.accessToken()).isEqualTo(token(1));
				assertThat(TestApp.tokenRequests(easemob)).isEqualTo(1);
			});
	}

	@Test
	void shouldTimeOutTokenRequestsAfterTheConfiguredResponseTimeout() {
		TestApp.issueTokens(easemob, 3600, 3000);
		withEasemob().withPropertyValues("easemob.response-timeout=300ms").run((context) -> {
			long start = System.nanoTime();
			EasemobTokenUnavailableException ex = catchThrowableOfType(EasemobTokenUnavailableException.class,
					() -> context.getBean(EasemobTokenProvider.class).getToken().block(Duration.ofSeconds(5)));
			assertThat(ex.getLastFailure().getReason()).isEqualTo(TokenFailureReason.TIMEOUT);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
		});
	}

	@Test
	void shouldCloseTheProviderWithTheContext() {
		TestApp.failWith(easemob, 503, "down", "down");
		withEasemob().run((context) -> {
			EasemobTokenProvider provider = context.getBean(EasemobTokenProvider.class);
			catchThrowableOfType(EasemobTokenUnavailableException.class, () -> provider.getToken().block());
			context.close();
			assertThat(catchThrowableOfType(EasemobTokenUnavailableException.class, () -> provider.getToken().block()))
				.hasMessageEndingWith("the token provider is closed");
		});
	}

	@Test
	void shouldStopRequestingTokensBeforeLifecycleBeansStop() {
		withEasemob().withUserConfiguration(ShutdownProbeConfiguration.class).run((context) -> {
			ShutdownProbe probe = context.getBean(ShutdownProbe.class);
			context.close();
			assertThat(probe.seenAtStop).hasMessageEndingWith("the token provider is closed");
			assertThat(TestApp.tokenRequests(easemob)).isZero();
		});
	}

	@Test
	void shouldNotCloseTheProviderWhenAChildContextCloses() {
		TestApp.issueTokens(easemob, 3600);
		withEasemob().run((context) -> {
			try (AnnotationConfigApplicationContext child = new AnnotationConfigApplicationContext()) {
				child.setParent(context);
				child.refresh();
			}
			assertThat(context.getBean(EasemobTokenProvider.class).getToken().block(Duration.ofSeconds(5)).accessToken())
				.isEqualTo(token(1));
		});
	}

	@Test
	void shouldBackOffWhenTheUserDefinesAProviderAndNeedNoCredentialsThen() {
		this.contextRunner.withBean("myProvider", EasemobTokenProvider.class, FixedTokenProvider::new).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(EasemobTokenProvider.class).hasBean("myProvider");
			assertThat(context).doesNotHaveBean(CachingEasemobTokenProvider.class);
		});
	}

	@Test
	void shouldBackOffWhenTheUserDefinesATokenStoreAndConsultIt() {
		TestApp.issueTokens(easemob, 3600);
		withEasemob().withUserConfiguration(UserStoreConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(TokenStore.class).doesNotHaveBean(InMemoryTokenStore.class);
			EasemobToken token = context.getBean(EasemobTokenProvider.class).getToken().block(Duration.ofSeconds(5));
			assertThat(token.accessToken()).isEqualTo("shared-token-from-another-instance-0042");
			assertThat(TestApp.tokenRequests(easemob)).isZero();
			assertThat(context.getBean(UserStoreConfiguration.class).store.reads()).isEqualTo(1);
		});
	}

	@Test
	void shouldConfigureAndValidateNothingWhenDisabled() {
		this.contextRunner.withPropertyValues("easemob.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(EasemobProperties.class)
				.doesNotHaveBean(EasemobTokenProvider.class)
				.doesNotHaveBean(TokenStore.class);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "false", "FALSE", "off", "no", "0", " false " })
	void shouldReadEnabledAsTheBinderReadsABooleanWhenFalse(String value) {
		withEasemob().withPropertyValues("easemob.enabled=" + value).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(EasemobTokenProvider.class);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "true", "TRUE", "on", "yes", "1" })
	void shouldReadEnabledAsTheBinderReadsABooleanWhenTrue(String value) {
		withEasemob().withPropertyValues("easemob.enabled=" + value).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(EasemobTokenProvider.class);
			assertThat(context.getBean(EasemobProperties.class).isEnabled()).isTrue();
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "HTTP://", "Http://", "HTTPS://" })
	void shouldReadTheHostsSchemeWhateverItsCase(String scheme) {
		String host = scheme + easemob.fake().baseUrl().substring(easemob.fake().baseUrl().indexOf("://") + 3);
		TestApp.issueTokens(easemob, 3600);
		withEasemob().withPropertyValues("easemob.host=" + host).run((context) -> {
			assertThat(context).hasNotFailed();
			if (scheme.equalsIgnoreCase("http://")) {
				assertThat(context.getBean(EasemobTokenProvider.class).getToken().block(Duration.ofSeconds(5))
					.accessToken()).isEqualTo(token(1));
			}
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class ShutdownProbeConfiguration {

		@Bean
		ShutdownProbe shutdownProbe(EasemobTokenProvider easemobTokenProvider) {
			return new ShutdownProbe(easemobTokenProvider);
		}

	}

	/** What a lifecycle bean stopping with the context gets from the provider. */
	static class ShutdownProbe implements SmartLifecycle {

		private final EasemobTokenProvider provider;

		private volatile boolean running;

		volatile Throwable seenAtStop;

		ShutdownProbe(EasemobTokenProvider provider) {
			this.provider = provider;
		}

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			this.seenAtStop = catchThrowableOfType(EasemobTokenUnavailableException.class,
					() -> this.provider.getToken().block(Duration.ofSeconds(5)));
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserStoreConfiguration {

		final KeepingTokenStore store = new KeepingTokenStore(new EasemobToken(
				"shared-token-from-another-instance-0042", Instant.now().plus(Duration.ofHours(2)),
				TestApp.APPLICATION));

		@Bean
		TokenStore sharedStore() {
			return this.store;
		}

	}

}
