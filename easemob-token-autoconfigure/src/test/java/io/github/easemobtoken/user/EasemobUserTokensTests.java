package io.github.easemobtoken.user;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.easemobtoken.EasemobApps;
import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.EasemobUserToken;
import io.github.easemobtoken.EasemobUserTokenException;
import io.github.easemobtoken.EasemobUserTokens;
import io.github.easemobtoken.autoconfigure.EasemobAppsAutoConfiguration;
import io.github.easemobtoken.autoconfigure.EasemobTokenMetricsAutoConfiguration;
import io.github.easemobtoken.autoconfigure.EasemobUserTokensAutoConfiguration;
import io.github.easemobtoken.test.EasemobContexts;
import io.github.easemobtoken.test.FakeEasemob;
import io.github.easemobtoken.test.FakeEasemob.UserTokenRequest;
import io.github.easemobtoken.test.FakeEasemobExtension;
import io.github.easemobtoken.test.TestApp;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code easemobUserTokens} against the fake Easemob: the inherit grant as the page gives it,
 * the errors it lists, the one 401 rule, the one 409 resend, one request per username at a
 * time, the meters and the observation; and dynamic tokens the fake accepts.
 */
class EasemobUserTokensTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	static final FakeEasemobExtension easemob = TestApp.fake(EasemobUserTokensTests.TENANT_B);

	static final String TENANT_B = "tenant-org#tenant-app";

	private final ApplicationContextRunner contextRunner = EasemobContexts.withWebClient(easemob.fake().baseUrl())
		.withConfiguration(AutoConfigurations.of(EasemobTokenMetricsAutoConfiguration.class,
				EasemobUserTokensAutoConfiguration.class, EasemobAppsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		// a 401 for a token younger than the floor is not resent: in tests, a short floor
		.withPropertyValues("easemob.token.min-request-interval=1ms");

	@BeforeEach
	void easemobHasAlice() {
		TestApp.issueTokens(easemob, 3600);
		easemob.fake().addUsers(TestApp.APP_KEY, "alice");
	}

	private static EasemobUserToken issue(ApplicationContext context, String username) {
		return context.getBean("easemobUserTokens", EasemobUserTokens.class).issue(username).block(WAIT);
	}

	private static EasemobUserTokenException failure(ApplicationContext context, String username) {
		return catchThrowableOfType(EasemobUserTokenException.class, () -> issue(context, username));
	}

	private static List<Integer> statuses() {
		return easemob.fake().userTokenRequests().stream().map(UserTokenRequest::status).toList();
	}

	@Test
	void shouldIssueAUserTokenWithTheInheritGrantOnTheAppsToken() {
		this.contextRunner.run((context) -> {
			Instant before = Instant.now();
			EasemobUserToken token = issue(context, "alice");
			assertThat(easemob.fake().userTokenRequests()).singleElement().satisfies((request) -> {
				assertThat(request.app()).isEqualTo(TestApp.APP_KEY);
				assertThat(request.username()).isEqualTo("alice");
				assertThat(request.autoCreateUser()).isFalse();
				assertThat(request.ttl()).isNull();
				assertThat(request.status()).isEqualTo(200);
			});
			assertThat(easemob.fake().tokenRequestCount()).as("the app token, once").isEqualTo(1);
			assertThat(easemob.fake().userOf(TestApp.APP_KEY, token.accessToken())).contains("alice");
			assertThat(token.username()).isEqualTo("alice");
			assertThat(token.userUuid()).isPresent();
			assertThat(token.expiresAt()).hasValueSatisfying((expiresAt) -> assertThat(expiresAt)
				.isBetween(before.plusSeconds(3600), Instant.now().plusSeconds(3600)));
			assertThat(token.toString()).doesNotContain(token.accessToken());
			assertThat(context.getBean(EasemobApps.class).userTokens("default"))
				.isSameAs(context.getBean("easemobUserTokens"));
		});
	}

	@Test
	void shouldAskForTheTtlInTheTtlUnitAndCreateTheUserWhenToldTo() {
		this.contextRunner
			.withPropertyValues("easemob.user-token.ttl=10m", "easemob.user-token.auto-create-user=true")
			.run((context) -> {
				EasemobUserToken token = issue(context, "bob");
				assertThat(easemob.fake().userTokenRequests()).singleElement().satisfies((request) -> {
					assertThat(request.ttl()).isEqualTo(600L);
					assertThat(request.autoCreateUser()).isTrue();
				});
				assertThat(easemob.fake().users(TestApp.APP_KEY)).contains("bob");
				assertThat(Duration.between(Instant.now(), token.expiresAt().orElseThrow()))
					.isBetween(Duration.ofSeconds(590), Duration.ofSeconds(600));
			});
	}

	@Test
	void shouldSayWhatToDoForEachErrorOfThePage() {
		easemob.fake().deactivate(TestApp.APP_KEY, "banned");
		easemob.fake().addUsers(TestApp.APP_KEY, "banned");
		this.contextRunner.run((context) -> {
			EasemobUserTokenException notFound = failure(context, "nobody");
			assertThat(notFound.getStatus()).isEqualTo(404);
			assertThat(notFound.getError()).isEqualTo("invalid_grant");
			assertThat(notFound.getErrorDescription()).isEqualTo("user not found");
			assertThat(notFound.getUsername()).isEqualTo("nobody");
			assertThat(notFound.getMessage()).isEqualTo("user token for 'nobody': invalid_grant (HTTP 404): user not "
					+ "found — no such user in app easemob-demo#testapp: create the user first (POST /users), or set "
					+ "easemob.user-token.auto-create-user=true");
			assertThat(failure(context, "banned").getMessage()).contains("invalid_grant (HTTP 400): user not activated")
				.contains("the user is deactivated (banned)");
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("easemob.user-token.failures").tag("reason", "invalid_grant").counter().count())
				.isEqualTo(2);
			assertThat(meters.get("easemob.user-token.requests").tag("outcome", "failure").timer().count())
				.isEqualTo(2);
		});
		this.contextRunner.withPropertyValues("easemob.user-token.auto-create-user=true").run((context) -> {
			EasemobUserTokenException illegal = failure(context, "not legal!");
			assertThat(illegal.getStatus()).isEqualTo(400);
			assertThat(illegal.getMessage()).contains("illegal_argument (HTTP 400): username [not legal!] is not legal")
				.contains("Easemob refused the username");
			easemob.fake().limitUsers(1);
			EasemobUserTokenException limited = failure(context, "carol");
			assertThat(limited.getStatus()).isEqualTo(429);
			assertThat(limited.getReason()).isEqualTo("resource_limited");
			assertThat(limited.getMessage()).contains("user limit of the app's Easemob plan");
			assertThat(easemob.fake().users(TestApp.APP_KEY)).doesNotContain("carol");
		});
		assertThat(statuses()).containsExactly(404, 400, 400, 429);
	}

	@Test
	void shouldInvalidateARejectedAppTokenAndSendOnceMore() {
		this.contextRunner.run((context) -> {
			issue(context, "alice");
			easemob.fake().revokeAll();
			EasemobUserToken token = issue(context, "alice");
			assertThat(statuses()).containsExactly(200, 401, 200);
			assertThat(easemob.fake().tokenRequestCount()).as("a new app token after the 401").isEqualTo(2);
			assertThat(easemob.fake().userOf(TestApp.APP_KEY, token.accessToken())).contains("alice");
		});
	}

	@Test
	void shouldSendOnceMoreOneSecondAfterAConcurrentOperationError() {
		easemob.fake()
			.enqueueUserTokenFault(FakeEasemob.Fault.status(409, "concurrent_operation_error",
					"concurrency create app user failed"));
		this.contextRunner.run((context) -> {
			assertThat(issue(context, "alice").username()).isEqualTo("alice");
			List<UserTokenRequest> requests = easemob.fake().userTokenRequests();
			assertThat(statuses()).containsExactly(409, 200);
			assertThat(Duration.between(requests.get(0).receivedAt(), requests.get(1).receivedAt()))
				.isGreaterThanOrEqualTo(UserTokenEndpoint.CONCURRENT_OPERATION_RETRY_DELAY);
		});
	}

	@Test
	void shouldSendOneRequestForConcurrentCallsForOneUser() {
		easemob.fake().tokenDelay(Duration.ofMillis(300));
		this.contextRunner.run((context) -> {
			EasemobUserTokens userTokens = context.getBean(EasemobUserTokens.class);
			userTokens.issue("alice").block(WAIT); // the app token first, so that only user tokens wait below
			easemob.fake().reset();
			easemob.fake().tokenDelay(Duration.ofMillis(300));
			easemob.fake().addUsers(TestApp.APP_KEY, "alice", "bob");
			List<EasemobUserToken> tokens = Flux.range(0, 40)
				.flatMap((i) -> userTokens.issue((i % 2 == 0) ? "alice" : "bob"), 40)
				.collectList()
				.block(WAIT);
			assertThat(tokens).hasSize(40);
			assertThat(easemob.fake().userTokenRequests()).extracting(UserTokenRequest::username)
				.containsExactlyInAnyOrder("alice", "bob");
			assertThat(tokens.stream().map(EasemobUserToken::accessToken).distinct()).hasSize(2);
			assertThat(issue(context, "alice")).as("a later call asks again").isNotIn(tokens);
		});
	}

	@Test
	void shouldNeverMakeTheAppTokensOwnRequestWaitBehindUserTokens() {
		easemob.fake().addUsers(TestApp.APP_KEY, "u0", "u1", "u2", "u3");
		this.contextRunner.withPropertyValues("easemob.user-token.max-requests-per-second=1").run((context) -> {
			EasemobTokenProvider provider = context.getBean(EasemobTokenProvider.class);
			EasemobToken first = provider.getToken().block(WAIT);
			// four user tokens at one a second: the last one's turn is 3.15 s away
			Mono<List<EasemobUserToken>> queued = Flux.range(0, 4)
				.flatMap((i) -> context.getBean(EasemobUserTokens.class).issue("u" + i))
				.collectList()
				.cache();
			queued.subscribe();
			provider.invalidate(first);
			EasemobToken second = provider.getToken().block(Duration.ofMillis(900));
			assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
			assertThat(easemob.fake().userTokenRequests().size()).as("user tokens still waiting their turn")
				.isLessThan(4);
			assertThat(queued.block(WAIT)).hasSize(4);
		});
	}

	@Test
	void shouldFailWhoseTurnIsFurtherThanTheResponseTimeoutSayingWhatToRaise() {
		easemob.fake().addUsers(TestApp.APP_KEY, "u0", "u1", "u2", "u3");
		this.contextRunner
			.withPropertyValues("easemob.user-token.max-requests-per-second=1", "easemob.response-timeout=2s")
			.run((context) -> {
				context.getBean(EasemobTokenProvider.class).getToken().block(WAIT);
				List<Object> outcomes = Flux.range(0, 4)
					.flatMap((i) -> context.getBean(EasemobUserTokens.class)
						.issue("u" + i)
						.map((token) -> (Object) token.username())
						.onErrorResume(EasemobUserTokenException.class, Mono::just))
					.collectList()
					.block(WAIT);
				assertThat(outcomes).filteredOn(String.class::isInstance).containsExactlyInAnyOrder("u0", "u1");
				assertThat(outcomes).filteredOn(EasemobUserTokenException.class::isInstance)
					.hasSize(2)
					.allSatisfy((failure) -> {
						assertThat(((EasemobUserTokenException) failure).getReason()).isEqualTo("rate_limited");
						assertThat(((EasemobUserTokenException) failure).getMessage())
							.contains("raise easemob.user-token.max-requests-per-second");
					});
				assertThat(easemob.fake().userTokenRequests()).hasSize(2);
				assertThat(context.getBean(MeterRegistry.class)
					.get("easemob.user-token.failures")
					.tag("reason", "rate_limited")
					.counter()
					.count()).isEqualTo(2);
			});
	}

	@Test
	void shouldCountAndObserveWithoutTheUsernameOrTheToken() {
		List<Observation.Context> observed = new CopyOnWriteArrayList<>();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				observed.add(context);
			}

		});
		this.contextRunner.withBean(ObservationRegistry.class, () -> observations).run((context) -> {
			EasemobUserToken token = issue(context, "alice");
			failure(context, "nobody");
			EasemobUserToken dynamic = context.getBean(EasemobUserTokens.class).dynamic("alice");
			assertThat(easemob.fake().userOf(TestApp.APP_KEY, dynamic.accessToken())).contains("alice");
			assertThat(Duration.between(Instant.now(), dynamic.expiresAt().orElseThrow()))
				.isBetween(Duration.ofMinutes(59), Duration.ofHours(1));
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("easemob.user-token.requests").tag("outcome", "success").timer().count())
				.isEqualTo(1);
			assertThat(meters.get("easemob.user-token.signed").counter().count()).isEqualTo(1);
			assertThat(meters.find("easemob.user-token.requests").meters()).allSatisfy((meter) -> assertThat(
					meter.getId().getTags()).extracting((tag) -> tag.getKey()).containsOnly("app", "outcome"));
			List<Observation.Context> userTokenRequests = observed.stream()
				.filter((c) -> c.getName().equals(DefaultEasemobUserTokens.OBSERVATION))
				.toList();
			assertThat(userTokenRequests).hasSize(2);
			assertThat(userTokenRequests).extracting((c) -> c.getLowCardinalityKeyValue("outcome").getValue())
				.containsExactly("success", "failure");
			assertThat(userTokenRequests).allSatisfy((c) -> {
				assertThat(c.getLowCardinalityKeyValue("app").getValue()).isEqualTo(TestApp.APP_KEY);
				assertThat(c.getAllKeyValues().toString()).doesNotContain("alice", "nobody", token.accessToken());
			});
		});
	}

	@Test
	void shouldGiveEachNamedAppItsOwnUserTokens() {
		this.contextRunner
			.withPropertyValues("easemob.apps.tenant-b.app-key=" + TENANT_B,
					"easemob.apps.tenant-b.client-id=" + TestApp.CLIENT_ID,
					"easemob.apps.tenant-b.client-secret=" + TestApp.CLIENT_SECRET,
					"easemob.apps.tenant-b.host=" + easemob.fake().baseUrl(),
					"easemob.apps.tenant-b.user-token.auto-create-user=true")
			.run((context) -> {
				EasemobUserTokens tenantB = context.getBean(EasemobApps.class).userTokens("tenant-b");
				assertThat(tenantB).isNotSameAs(context.getBean("easemobUserTokens"));
				assertThat(tenantB.issue("dave").block(WAIT).username()).isEqualTo("dave");
				assertThat(easemob.fake().userTokenRequests()).singleElement().satisfies((request) -> {
					assertThat(request.app()).isEqualTo(TENANT_B);
					assertThat(request.autoCreateUser()).isTrue();
				});
				assertThat(failure(context, "erin").getMessage()).as("the flat app does not create users")
					.contains("easemob.user-token.auto-create-user=true");
			});
	}

	@Test
	void shouldNotStartWithAUserTokenSettingOutOfRange() {
		this.contextRunner.withPropertyValues("easemob.user-token.max-requests-per-second=301",
				"easemob.user-token.dynamic-ttl=1500ms", "easemob.user-token.ttl=1500ms")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("easemob.user-token.max-requests-per-second must be between 1 and 300")
				.hasMessageContaining("easemob.user-token.dynamic-ttl must be a whole number of seconds")
				.hasMessageContaining("easemob.user-token.ttl must be a whole number of seconds (easemob.ttl-unit), "
						+ "was PT1.5S"));
	}

}
