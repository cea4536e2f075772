package io.github.easemobtoken.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.github.easemobtoken.EasemobApps;
import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.autoconfigure.health.EasemobTokenHealthAutoConfiguration;
import io.github.easemobtoken.autoconfigure.health.EasemobTokenHealthIndicator;
import io.github.easemobtoken.test.FakeEasemob;
import io.github.easemobtoken.test.FakeEasemobExtension;
import io.github.easemobtoken.test.FixedTokenProvider;
import io.github.easemobtoken.test.TestApp;
import io.github.easemobtoken.test.VirtualClock;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import io.github.easemobtoken.token.TokenStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.github.easemobtoken.test.BootLine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.AbstractApplicationContextRunner;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Several Easemob apps in one service ({@code easemob.apps.<name>.*}), each on a fake Easemob
 * Easemob of its own: the app {@code default} of the flat keys with today's beans, named
 * apps through {@code easemobApps}, each with its own lifecycle, clients, meters and health.
 */
class EasemobAppsAutoConfigurationTests {

	@RegisterExtension
	static final FakeEasemobExtension china = fake("cn-org#cn-app", "cn-id", "cn-secret-0000000001");

	@RegisterExtension
	static final FakeEasemobExtension singapore = fake("sg-org#sg-app", "sg-id", "sg-secret-0000000002");

	@RegisterExtension
	static final FakeEasemobExtension staging = fake("st-org#st-app", "cn-id", "cn-secret-0000000001");

	private static final AutoConfigurations ALL = AutoConfigurations.of(BootLine.of(BootLine.HTTP_CLIENTS,
			BootLine.WEB_CLIENT, BootLine.REST_CLIENT,
			new Class<?>[] { EasemobTokenAutoConfiguration.class, EasemobWebClientAutoConfiguration.class,
					EasemobRestClientAutoConfiguration.class, EasemobAppsAutoConfiguration.class,
					EasemobTokenMetricsAutoConfiguration.class, EasemobTokenHealthAutoConfiguration.class },
			BootLine.HEALTH));

	/** Three apps: the flat keys on the China cluster, two named ones on two other hosts. */
	private static String[] threeApps() {
		return new String[] { "easemob.host=" + china.fake().baseUrl(), "easemob.app-key=cn-org#cn-app",
			"easemob.client-id=cn-id", "easemob.client-secret=cn-secret-0000000001",
			"easemob.apps.tenant-b.host=" + singapore.fake().baseUrl(), "easemob.apps.tenant-b.app-key=sg-org#sg-app",
			"easemob.apps.tenant-b.client-id=sg-id", "easemob.apps.tenant-b.client-secret=sg-secret-0000000002",
			"easemob.apps.staging.host=" + staging.fake().baseUrl(), "easemob.apps.staging.org-name=st-org",
			"easemob.apps.staging.app-name=st-app", "easemob.apps.staging.client-id=cn-id",
			"easemob.apps.staging.client-secret=cn-secret-0000000001",
			"easemob.apps.staging.token.min-request-interval=1ms", "easemob.apps.staging.token.max-backoff=1s" };
	}

	private final ApplicationContextRunner contextRunner = runner(new ApplicationContextRunner());

	private static <R extends AbstractApplicationContextRunner<R, ?, ?>> R runner(R runner) {
		return runner.withConfiguration(ALL).withBean(SimpleMeterRegistry.class);
	}

	private static FakeEasemobExtension fake(String appKey, String clientId, String clientSecret) {
		return new FakeEasemobExtension(
				(builder) -> builder.app(appKey, clientId, clientSecret).tokenLifetime(Duration.ofHours(1)));
	}

	@BeforeEach
	void addUsers() {
		for (FakeEasemobExtension easemob : List.of(china, singapore, staging)) {
			easemob.fake().addUsers(easemob.fake().apps().get(0).appKey(), "alice");
		}
	}

	private static String token(EasemobTokenProvider provider) {
		return provider.getToken().block(Duration.ofSeconds(10)).accessToken();
	}

	private static String callUsers(WebClient client) {
		return client.get().uri("/users/alice").retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10));
	}

	private static List<String> authorizations(FakeEasemobExtension easemob) {
		return easemob.fake().apiRequests().stream().map(FakeEasemob.ApiRequest::authorization).toList();
	}

	@Test
	void shouldGiveEveryAppItsOwnTokenClientsAndHost() {
		this.contextRunner.withPropertyValues(threeApps()).run((context) -> {
			EasemobApps apps = context.getBean(EasemobApps.class);
			assertThat(apps.names()).containsExactly("default", "tenant-b", "staging");
			for (String name : apps.names()) {
				callUsers(apps.webClient(name));
				assertThat(apps.restClient(name).get().uri("/users/alice").retrieve().body(String.class))
					.contains("entities");
			}
			assertThat(authorizations(china)).containsOnly("Bearer " + token(apps.tokenProvider("default"))).hasSize(2);
			assertThat(authorizations(singapore)).containsOnly("Bearer " + token(apps.tokenProvider("tenant-b")))
				.hasSize(2);
			assertThat(authorizations(staging)).containsOnly("Bearer " + token(apps.tokenProvider("staging")))
				.hasSize(2);
			assertThat(china.fake().apiRequests()).extracting(FakeEasemob.ApiRequest::path)
				.containsOnly("/cn-org/cn-app/users/alice")
				.hasSize(2);
			assertThat(TestApp.tokenRequests(china, "cn-org", "cn-app")).isEqualTo(1);
			assertThat(TestApp.tokenRequests(singapore, "sg-org", "sg-app")).isEqualTo(1);
			assertThat(TestApp.tokenRequests(staging, "st-org", "st-app")).isEqualTo(1);
			assertThat(token(apps.tokenProvider("default"))).isNotEqualTo(token(apps.tokenProvider("tenant-b")))
				.isNotEqualTo(token(apps.tokenProvider("staging")));
		});
	}

	@Test
	void shouldLetTheDefaultAppKeepTodaysBeansWithOneLifecycle() {
		this.contextRunner.withPropertyValues(threeApps()).run((context) -> {
			EasemobApps apps = context.getBean(EasemobApps.class);
			assertThat(apps.tokenProvider("default")).isSameAs(context.getBean("easemobTokenProvider"));
			assertThat(apps.webClient("default")).isSameAs(context.getBean("easemobWebClient"));
			assertThat(apps.restClient("default")).isSameAs(context.getBean("easemobRestClient"));
			assertThat(context).hasSingleBean(EasemobTokenProvider.class).hasBean("easemobTokenExchangeFilterFunction");
			callUsers(context.getBean("easemobWebClient", WebClient.class));
			callUsers(apps.webClient("default"));
			assertThat(TestApp.tokenRequests(china, "cn-org", "cn-app")).as("one token for both").isEqualTo(1);
		});
	}

	@Test
	void shouldTakeUnsetKeysOfANamedAppFromTheFlatKeys() {
		this.contextRunner.withPropertyValues(threeApps()).run((context) -> {
			EasemobAppsSettings settings = context.getBean(EasemobAppsSettings.class);
			EasemobAppSettings staged = settings.all().get(2);
			assertThat(staged.name()).isEqualTo("staging");
			assertThat(staged.requireCredentials().clientId()).as("its own: it has an identity of its own")
				.isEqualTo("cn-id");
			assertThat(staged.minRequestInterval()).as("its own").isEqualTo(Duration.ofMillis(1));
			assertThat(staged.refreshBeforeExpiry()).as("the default").isEqualTo(Duration.ofMinutes(5));
			assertThat(staged.app().appKey()).isEqualTo("st-org#st-app");
			assertThat(settings.all().get(1).responseTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(staged.keys().key("token.min-request-interval")).as("where its own value came from")
				.isEqualTo("easemob.apps.staging.token.min-request-interval");
			assertThat(staged.keys().key("client-id")).isEqualTo("easemob.apps.staging.client-id");
			assertThat(staged.keys().key("ttl")).as("a missing value belongs to the app")
				.isEqualTo("easemob.apps.staging.ttl");
			assertThat(staged.keys().key("token.refresh-before-expiry")).as("where its inherited value came from")
				.isEqualTo("easemob.token.refresh-before-expiry");
			assertThat(staged.keys().key("response-timeout")).isEqualTo("easemob.response-timeout");
		});
	}

	@Test
	void shouldReplaceOnlyTheRejectedAppsToken() {
		VirtualClock clock = new VirtualClock();
		this.contextRunner.withPropertyValues(threeApps())
			.withBean(EasemobTokenProviderBuilderCustomizer.class,
					() -> (builder) -> builder.clock(clock).scheduler(clock.scheduler()))
			.run((context) -> {
			EasemobApps apps = context.getBean(EasemobApps.class);
			String china1 = token(apps.tokenProvider("default"));
			String singapore1 = token(apps.tokenProvider("tenant-b"));
			EasemobToken staging1 = apps.tokenProvider("staging").getToken().block(Duration.ofSeconds(10));
			clock.advance(Duration.ofSeconds(1)); // past staging's 1 ms floor, so that the 401 drops its token
			apps.tokenProvider("staging").invalidate(staging1);
			assertThat(token(apps.tokenProvider("staging"))).isNotEqualTo(staging1.accessToken());
			assertThat(token(apps.tokenProvider("default"))).isEqualTo(china1);
			assertThat(token(apps.tokenProvider("tenant-b"))).isEqualTo(singapore1);
			assertThat(TestApp.tokenRequests(staging, "st-org", "st-app")).isEqualTo(2);
			assertThat(TestApp.tokenRequests(china, "cn-org", "cn-app")).isEqualTo(1);
			assertThat(TestApp.tokenRequests(singapore, "sg-org", "sg-app")).isEqualTo(1);
			apps.tokenProvider("default").invalidate(new EasemobToken(staging1.accessToken(), null, null));
			assertThat(token(apps.tokenProvider("default"))).as("another app's token is not ours").isEqualTo(china1);
		});
	}

	@Test
	void shouldTagEachAppsMetersWithItsAppKey() {
		this.contextRunner.withPropertyValues(threeApps()).run((context) -> {
			EasemobApps apps = context.getBean(EasemobApps.class);
			apps.names().forEach((name) -> token(apps.tokenProvider(name)));
			SimpleMeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
			for (String app : List.of("cn-org#cn-app", "sg-org#sg-app", "st-org#st-app")) {
				assertThat(registry.get("easemob.token.refresh").tag("app", app).tag("outcome", "success").timer().count())
					.as(app)
					.isEqualTo(1);
				assertThat(registry.get("easemob.token.expiry").tag("app", app).gauge().value()).isBetween(3590.0,
						3600.0);
			}
		});
	}

	@Test
	void shouldMakeTheHealthOfSeveralAppsAComposite() {
		this.contextRunner.withPropertyValues(threeApps()).run((context) -> {
			Object composite = BootLine.registeredHealth(context, "easemobToken");
			assertThat(BootLine.isComposite(composite)).isTrue();
			assertThat(BootLine.memberNames(composite)).containsExactly("default", "tenant-b", "staging");
			Object tenantB = BootLine.member(composite, "tenant-b");
			assertThat(tenantB).isInstanceOf(EasemobTokenHealthIndicator.class);
			assertThat(BootLine.health(tenantB).status()).isEqualTo("UNKNOWN");
			token(context.getBean(EasemobApps.class).tokenProvider("tenant-b"));
			assertThat(BootLine.health(tenantB).status()).isEqualTo("UP");
			assertThat(BootLine.health(tenantB).details()).containsEntry("app", "sg-org#sg-app");
		});
	}

	@Test
	void shouldConfigureOnlyNamedAppsWhenTheFlatKeysNameNone() {
		this.contextRunner
			.withPropertyValues("easemob.apps.tenant-b.host=" + singapore.fake().baseUrl(),
					"easemob.apps.tenant-b.app-key=sg-org#sg-app", "easemob.apps.tenant-b.client-id=sg-id",
					"easemob.apps.tenant-b.client-secret=sg-secret-0000000002")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(EasemobTokenProvider.class)
					.doesNotHaveBean("easemobWebClient")
					.doesNotHaveBean("easemobRestClient");
				EasemobApps apps = context.getBean(EasemobApps.class);
				assertThat(apps.names()).containsExactly("tenant-b");
				callUsers(apps.webClient("tenant-b"));
				assertThat(authorizations(singapore)).hasSize(1);
				Object health = BootLine.registeredHealth(context, "easemobToken");
				assertThat(health).as("one app: an indicator, no composite").isInstanceOf(EasemobTokenHealthIndicator.class);
			});
	}

	@Test
	void shouldKeepAFlatOnlyConfigurationAsTheAppDefault() {
		this.contextRunner
			.withPropertyValues("easemob.host=" + china.fake().baseUrl(), "easemob.app-key=cn-org#cn-app",
					"easemob.client-id=cn-id", "easemob.client-secret=cn-secret-0000000001")
			.run((context) -> {
				EasemobApps apps = context.getBean(EasemobApps.class);
				assertThat(apps.names()).containsExactly("default");
				assertThat(apps.tokenProvider("default")).isSameAs(context.getBean(EasemobTokenProvider.class));
				assertThat(BootLine.registeredHealth(context, "easemobToken"))
					.isInstanceOf(EasemobTokenHealthIndicator.class);
			});
	}

	@Test
	void shouldNameTheConfiguredAppsForAnUnknownName() {
		this.contextRunner.withPropertyValues(threeApps()).run((context) -> {
			EasemobApps apps = context.getBean(EasemobApps.class);
			String listing = "No Easemob app named 'tenant-x'; the configured apps are [default, tenant-b, staging]";
			assertThatIllegalArgumentException().isThrownBy(() -> apps.tokenProvider("tenant-x")).withMessageStartingWith(listing);
			assertThatIllegalArgumentException().isThrownBy(() -> apps.webClient("tenant-x")).withMessageStartingWith(listing);
			assertThatIllegalArgumentException().isThrownBy(() -> apps.restClient("tenant-x")).withMessageStartingWith(listing);
		});
	}

	@Test
	void shouldGiveNoRestClientsInAWebFluxApplication() {
		runner(new ReactiveWebApplicationContextRunner()).withPropertyValues(threeApps()).run((context) -> {
			EasemobApps apps = context.getBean(EasemobApps.class);
			assertThat(apps.webClient("tenant-b")).isNotNull();
			assertThatIllegalStateException().isThrownBy(() -> apps.restClient("tenant-b"))
				.withMessageContaining("a WebFlux application gets no blocking clients");
		});
	}

	@Test
	void shouldCloseEveryProviderWithTheContext() {
		CachingEasemobTokenProvider[] providers = new CachingEasemobTokenProvider[3];
		this.contextRunner.withPropertyValues(threeApps()).run((context) -> {
			EasemobApps apps = context.getBean(EasemobApps.class);
			int i = 0;
			for (String name : apps.names()) {
				providers[i++] = (CachingEasemobTokenProvider) apps.tokenProvider(name);
			}
		});
		for (CachingEasemobTokenProvider provider : providers) {
			assertThat(provider.getToken().map(EasemobToken::accessToken).onErrorReturn("closed").block())
				.as(provider.appKey())
				.isEqualTo("closed");
			assertThat(provider.status().state()).isEqualTo(TokenStatus.State.NOT_YET_OBTAINED);
		}
	}

	@Test
	void shouldLeaveTheDefaultAppToAUserProviderAndStillBuildTheNamedOnes() {
		this.contextRunner.withPropertyValues(threeApps())
			.withBean("myProvider", EasemobTokenProvider.class, FixedTokenProvider::new)
			.run((context) -> {
				EasemobApps apps = context.getBean(EasemobApps.class);
				assertThat(apps.tokenProvider("default")).isSameAs(context.getBean("myProvider"));
				assertThat(token(apps.tokenProvider("tenant-b"))).startsWith("YWMt").isNotEqualTo(FixedTokenProvider.TOKEN);
			});
	}

	@Test
	void shouldReportEveryWrongKeyOfEveryAppInOneFailureUnderItsFullName() {
		FailureAnalysis analysis = analysisOf(this.contextRunner.withPropertyValues("easemob.app-key=cn-org#cn-app",
				"easemob.client-id=cn-id", "easemob.apps.tenant-b.app-key=sg-org#sg-app",
				"easemob.apps.tenant-b.host=ftp://sg.easemob.com", "easemob.apps.staging.org-name=st-org",
				"easemob.apps.staging.app-name=st-app", "easemob.apps.staging.client-secret=${EASEMOB_STAGING_SECRET}",
				"easemob.apps.staging.token.max-backoff=2d"));
		assertThat(analysis.getDescription()).contains("Property: easemob.client-secret\n    Problem:  is missing")
			.contains("Property: easemob.apps.tenant-b.host\n    Problem:  'ftp://sg.easemob.com' is not a host")
			.contains("Property: easemob.apps.tenant-b.client-secret\n    Problem:  is missing")
			.contains("Property: easemob.apps.staging.client-secret\n    Problem:  contains the unresolved placeholder "
					+ "${EASEMOB_STAGING_SECRET}")
			.contains("Property: easemob.apps.staging.token.max-backoff\n    Problem:  must be at most 1d")
			.as("an app with an identity of its own takes no credentials from easemob.*")
			.contains("Property: easemob.apps.staging.client-id\n    Problem:  is missing");
	}

	@Test
	void shouldRefuseTwoNamesForOneApp() {
		FailureAnalysis analysis = analysisOf(this.contextRunner.withPropertyValues(threeApps())
			.withPropertyValues("easemob.apps.copy.host=" + china.fake().baseUrl(), "easemob.apps.copy.app-key=cn-org#cn-app",
					"easemob.apps.copy.client-id=cn-id", "easemob.apps.copy.client-secret=cn-secret-0000000001"));
		assertThat(analysis.getDescription()).contains("Property: easemob.apps.copy.app-key\n    Problem:  names the "
				+ "same app as easemob (" + china.fake().baseUrl() + ", cn-org#cn-app, client ID cn-id)");
	}

	@Test
	void shouldRefuseAnAppNameThatIsNoName() {
		FailureAnalysis analysis = analysisOf(this.contextRunner.withPropertyValues(threeApps())
			.withPropertyValues("easemob.apps[tenant b].app-key=x#y"));
		assertThat(analysis.getDescription()).contains("Property: easemob.apps.tenant b\n    Problem:  'tenant b' is "
				+ "not a usable app name");
	}

	/**
	 * A named app with an identity of its own never runs on the flat app's credentials:
	 * its first token request would carry app A's client ID, or its secret, to app B.
	 */
	@Test
	void shouldNotLendTheFlatCredentialsToAnAppWithAnIdentityOfItsOwn() {
		String[] flat = { "easemob.host=" + china.fake().baseUrl(), "easemob.app-key=cn-org#cn-app",
				"easemob.client-id=cn-id", "easemob.client-secret=cn-secret-0000000001",
				"easemob.apps.tenant-b.host=" + singapore.fake().baseUrl(),
				"easemob.apps.tenant-b.app-key=sg-org#sg-app" };
		assertThat(analysisOf(this.contextRunner.withPropertyValues(flat)
			.withPropertyValues("easemob.apps.tenant-b.client-secret=sg-secret-0000000002")).getDescription())
			.contains("Property: easemob.apps.tenant-b.client-id\n    Problem:  is missing")
			.doesNotContain("easemob.apps.tenant-b.client-secret\n");
		assertThat(analysisOf(this.contextRunner.withPropertyValues(flat)
			.withPropertyValues("easemob.apps.tenant-b.client-id=sg-id")).getDescription())
			.contains("Property: easemob.apps.tenant-b.client-secret\n    Problem:  is missing")
			.doesNotContain("easemob.apps.tenant-b.client-id\n");
		assertThat(china.fake().tokenRequests()).as("nothing sent anywhere").isEmpty();
		assertThat(singapore.fake().tokenRequests()).isEmpty();
	}

	/** Without an identity of its own an app is the flat app on other settings: the pair is whole or its own. */
	@Test
	void shouldTakeTheFlatCredentialsOnlyAsAPair() {
		assertThat(analysisOf(this.contextRunner.withPropertyValues("easemob.host=" + china.fake().baseUrl(),
				"easemob.app-key=cn-org#cn-app", "easemob.client-id=cn-id",
				"easemob.client-secret=cn-secret-0000000001", "easemob.apps.mirror.host=" + staging.fake().baseUrl(),
				"easemob.apps.mirror.client-id=another-id"))
			.getDescription()).contains("Property: easemob.apps.mirror.client-secret\n    Problem:  is missing");
	}

	/** Advice about a named app names the key to edit for that app, not the flat one. */
	@Test
	void shouldNameTheNamedAppsOwnKeysInItsErrors() {
		this.contextRunner.withPropertyValues(threeApps())
			.withPropertyValues("easemob.apps.tenant-b.client-secret=sg-secret-rotated-elsewhere")
			.run((context) -> {
				EasemobApps apps = context.getBean(EasemobApps.class);
				io.github.easemobtoken.EasemobTokenUnavailableException ex = org.assertj.core.api.Assertions
					.catchThrowableOfType(io.github.easemobtoken.EasemobTokenUnavailableException.class,
							() -> token(apps.tokenProvider("tenant-b")));
				assertThat(ex.getMessage()).contains("check easemob.apps.tenant-b.client-secret (ClientSecret)")
					.doesNotContain("check easemob.client-secret");
			});
	}

	private static FailureAnalysis analysisOf(ApplicationContextRunner runner) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		runner.run((context) -> {
			assertThat(context).hasFailed();
			analysis[0] = new InvalidEasemobPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
		});
		assertThat(analysis[0]).as("analysis of the startup failure").isNotNull();
		return analysis[0];
	}

}
