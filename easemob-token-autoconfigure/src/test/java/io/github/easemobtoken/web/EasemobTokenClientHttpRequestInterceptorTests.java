package io.github.easemobtoken.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.github.easemobtoken.EasemobTokenUnavailableException;
import io.github.easemobtoken.TokenFailureReason;
import io.github.easemobtoken.test.FakeEasemob;
import io.github.easemobtoken.test.FakeEasemobExtension;
import io.github.easemobtoken.test.RecordedRejections;
import io.github.easemobtoken.test.TestApp;
import io.github.easemobtoken.test.TestProviders;
import io.github.easemobtoken.test.UsersApi;
import io.github.easemobtoken.test.VirtualClock;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.github.easemobtoken.test.TestApp.USERS_PATH;
import static io.github.easemobtoken.test.TestApp.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The bearer interceptor between a {@code RestClient} and the fake Easemob that checks
 * the token on a protected users API.
 */
class EasemobTokenClientHttpRequestInterceptorTests {

	@RegisterExtension
	static final FakeEasemobExtension easemob = TestApp.fake();

	private final VirtualClock clock = new VirtualClock();

	private final RecordedRejections rejections = new RecordedRejections();

	private CachingEasemobTokenProvider provider;

	private RestClient restClient;

	private final UsersApi usersApi = new UsersApi(easemob);

	@BeforeEach
	void createClient() {
		this.provider = TestProviders.provider(easemob, this.clock, this.rejections);
		this.restClient = restClient(new EasemobTokenClientHttpRequestInterceptor(this.provider, Duration.ofSeconds(5)));
	}

	private static RestClient restClient(EasemobTokenClientHttpRequestInterceptor interceptor) {
		return RestClient.builder()
			.baseUrl(TestApp.app(easemob).baseUri().toString())
			.requestFactory(new JdkClientHttpRequestFactory())
			.requestInterceptor(interceptor)
			.build();
	}

	@AfterEach
	void close() {
		this.provider.close();
	}

	private ResponseEntity<String> getAlice() {
		return this.restClient.get()
			.uri("/users/{username}", "alice")
			.retrieve()
			.onStatus((status) -> true, (request, response) -> {
			})
			.toEntity(String.class);
	}

	@Test
	void shouldAttachTheBearerTokenReplacingAnyAuthorizationHeader() {
		TestApp.issueTokens(easemob, 3600);
		this.usersApi.acceptOnly(1);
		ResponseEntity<String> response = this.restClient.get()
			.uri("/users/{username}", "alice")
			.header("Authorization", "Basic dXNlcjpwYXNz")
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(easemob.fake().apiRequests().stream().flatMap((call) -> call.headers().get("Authorization").stream()))
			.containsExactly("Bearer " + token(1));
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(1);
	}

	@Test
	void shouldRefreshOnceAndRetryAfterA401() {
		TestApp.issueTokens(easemob, 3600);
		this.usersApi.acceptOnly(1);
		assertThat(getAlice().getStatusCode()).isEqualTo(HttpStatus.OK);
		this.usersApi.acceptOnly(2);
		this.clock.advance(Duration.ofSeconds(30));
		ResponseEntity<String> response = getAlice();
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).contains("alice");
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(2);
		assertThat(this.usersApi.calls()).isEqualTo(3);
		assertThat(this.rejections.list()).containsExactly("…0001 dropped");
	}

	@Test
	void shouldPassTheSecond401ToTheCallerUnchanged() {
		TestApp.issueTokens(easemob, 3600);
		this.usersApi.acceptOnly(99);
		this.provider.getToken().block();
		this.clock.advance(Duration.ofSeconds(30));
		ResponseEntity<String> response = getAlice();
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(response.getBody()).contains("Unable to authenticate due to expired access token");
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(2);
		assertThat(this.usersApi.calls()).isEqualTo(2);
		assertThat(this.rejections.list()).containsExactly("…0001 dropped", "…0002 kept");
	}

	@Test
	void shouldPassA401ForATokenFresherThanTheFloorWithoutAskingForAnother() {
		TestApp.issueTokens(easemob, 3600);
		this.usersApi.acceptOnly(99);
		ResponseEntity<String> response = getAlice();
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(response.getBody()).contains("Unable to authenticate");
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(1);
		assertThat(this.usersApi.calls()).isEqualTo(1);
		assertThat(this.rejections.list()).containsExactly("…0001 kept");
	}

	@Test
	void shouldRefreshOnceForFiftyConcurrent401sOfOneToken() throws Exception {
		TestApp.issueTokens(easemob, 3600);
		this.usersApi.acceptOnly(1);
		assertThat(getAlice().getStatusCode()).isEqualTo(HttpStatus.OK);
		this.usersApi.acceptOnly(2);
		TestApp.continueIssuingTokens(easemob, 3600, 200);
		this.clock.advance(Duration.ofSeconds(30));
		List<HttpStatus> statuses = concurrently(50, () -> HttpStatus.valueOf(getAlice().getStatusCode().value()));
		assertThat(statuses).hasSize(50).containsOnly(HttpStatus.OK);
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(2);
		assertThat(this.rejections.list()).containsExactly("…0001 dropped");
		assertThat(this.usersApi.callsWith(2)).as("each call succeeded once, with the new token").isEqualTo(50);
	}

	@Test
	void shouldMakeFiftyConcurrentCallersOnAColdCacheShareOneTokenRequest() throws Exception {
		TestApp.issueTokens(easemob, 3600, 300);
		this.usersApi.acceptOnly(1);
		List<HttpStatus> statuses = concurrently(50, () -> HttpStatus.valueOf(getAlice().getStatusCode().value()));
		assertThat(statuses).hasSize(50).containsOnly(HttpStatus.OK);
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(1);
		assertThat(this.usersApi.calls()).isEqualTo(50);
	}

	@Test
	void shouldFailWithTheTypedErrorAndSendNothingWhenThereIsNoToken() {
		TestApp.failWith(easemob, 400, "invalid_grant", "client_secret does not match");
		this.usersApi.acceptOnly(1);
		EasemobTokenUnavailableException ex = catchThrowableOfType(EasemobTokenUnavailableException.class,
				() -> this.restClient.get().uri("/users/{username}", "alice").retrieve().toBodilessEntity());
		assertThat(ex.getLastFailure().getReason()).isEqualTo(TokenFailureReason.INVALID_GRANT);
		assertThat(ex.getMessage()).contains("easemob.client-secret").doesNotContain(TestApp.CLIENT_SECRET);
		assertThat(this.usersApi.calls()).isZero();
	}

	@Test
	void shouldBoundTheWaitForATokenByTheGivenTimeout() {
		TestApp.issueTokens(easemob, 3600, 4000);
		this.usersApi.acceptOnly(1);
		RestClient impatient = restClient(
				new EasemobTokenClientHttpRequestInterceptor(this.provider, Duration.ofMillis(200)));
		long start = System.nanoTime();
		EasemobTokenUnavailableException ex = catchThrowableOfType(EasemobTokenUnavailableException.class,
				() -> impatient.get().uri("/users/{username}", "alice").retrieve().toBodilessEntity());
		Duration waited = Duration.ofNanos(System.nanoTime() - start);
		assertThat(ex.getMessage()).isEqualTo("No Easemob app token within 1200 ms — check easemob.host, "
				+ "or raise easemob.response-timeout");
		assertThat(waited).isBetween(Duration.ofMillis(1200), Duration.ofMillis(3500));
		assertThat(this.usersApi.calls()).isZero();
	}

	@Test
	void shouldResendTheSameBodyAfterA401() {
		TestApp.issueTokens(easemob, 3600);
		this.provider.getToken().block();
		this.clock.advance(Duration.ofSeconds(30));
		easemob.fake().revoke(token(1));
		ResponseEntity<String> response = this.restClient.post()
			.uri("/users")
			.body(List.of(Map.of("username", "carol", "password", "pw")))
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(TestApp.calls(easemob, USERS_PATH)).extracting(FakeEasemob.ApiRequest::status).containsExactly(401, 200);
		assertThat(easemob.fake().users(TestApp.APP_KEY)).as("the body sent again whole").contains("carol");
	}

	@Test
	void shouldWorkOnARestTemplateToo() {
		TestApp.issueTokens(easemob, 3600);
		this.usersApi.acceptOnly(2);
		this.provider.getToken().block();
		this.clock.advance(Duration.ofSeconds(30));
		RestTemplate restTemplate = new RestTemplate(new JdkClientHttpRequestFactory());
		restTemplate.getInterceptors().add(new EasemobTokenClientHttpRequestInterceptor(this.provider, Duration.ofSeconds(5)));
		ResponseEntity<String> response = restTemplate
			.getForEntity(TestApp.app(easemob).baseUri() + "/users/{username}", String.class, "alice");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(2);
		assertThat(this.usersApi.calls()).isEqualTo(2);
	}

	@Test
	void shouldRejectANonPositiveWait() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EasemobTokenClientHttpRequestInterceptor(this.provider, Duration.ZERO))
			.withMessage("maxWait must be positive, was PT0S");
	}

	private static <T> List<T> concurrently(int callers, java.util.concurrent.Callable<T> call) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(callers);
		try {
			List<Future<T>> futures = executor.invokeAll(IntStream.range(0, callers).mapToObj((i) -> call).toList());
			List<T> results = new java.util.ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

}
