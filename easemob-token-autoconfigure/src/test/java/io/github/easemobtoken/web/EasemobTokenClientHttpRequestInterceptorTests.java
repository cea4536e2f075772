package io.github.easemobtoken.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.easemobtoken.EasemobTokenUnavailableException;
import io.github.easemobtoken.TokenFailureReason;
import io.github.easemobtoken.test.EasemobStub;
import io.github.easemobtoken.test.RecordedRejections;
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

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.easemobtoken.test.EasemobStub.USERS_PATH;
import static io.github.easemobtoken.test.EasemobStub.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The bearer interceptor between a {@code RestClient} and a WireMock Easemob that checks
 * the token on a protected users API.
 */
class EasemobTokenClientHttpRequestInterceptorTests {

	@RegisterExtension
	static final WireMockExtension easemob = EasemobStub.wireMock(60);

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
			.baseUrl(EasemobStub.app(easemob).baseUri().toString())
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
		EasemobStub.issueTokens(easemob, 3600);
		this.usersApi.acceptOnly(1);
		ResponseEntity<String> response = this.restClient.get()
			.uri("/users/{username}", "alice")
			.header("Authorization", "Basic dXNlcjpwYXNz")
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(easemob.getAllServeEvents().stream()
			.filter((event) -> event.getRequest().getUrl().startsWith(USERS_PATH))
			.flatMap((event) -> event.getRequest().getHeaders().getHeader("Authorization").values().stream()))
			.containsExactly("Bearer " + token(1));
		assertThat(EasemobStub.tokenRequests(easemob)).isEqualTo(1);
	}

	@Test
	void shouldRefreshOnceAndRetryAfterA401() {
		EasemobStub.issueTokens(easemob, 3600);
		this.usersApi.acceptOnly(1);
		assertThat(getAlice().getStatusCode()).isEqualTo(HttpStatus.OK);
		this.usersApi.acceptOnly(2);
		this.clock.advance(Duration.ofSeconds(30));
		ResponseEntity<String> response = getAlice();
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).contains("alice");
		assertThat(EasemobStub.tokenRequests(easemob)).isEqualTo(2);
		assertThat(this.usersApi.calls()).isEqualTo(3);
		assertThat(this.rejections.list()).containsExactly("…0001 dropped");
	}

	@Test
	void shouldPassTheSecond401ToTheCallerUnchanged() {
		EasemobStub.issueTokens(easemob, 3600);
		this.usersApi.acceptOnly(99);
		this.provider.getToken().block();
		this.clock.advance(Duration.ofSeconds(30));
		ResponseEntity<String> response = getAlice();
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(response.getBody()).contains("Unable to authenticate due to expired access token");
		assertThat(EasemobStub.tokenRequests(easemob)).isEqualTo(2);
		assertThat(this.usersApi.calls()).isEqualTo(2);
		assertThat(this.rejections.list()).containsExactly("…0001 dropped", "…0002 kept");
	}

	@Test
	void shouldPassA401ForATokenFresherThanTheFloorWithoutAskingForAnother() {
		EasemobStub.issueTokens(easemob, 3600);
		this.usersApi.acceptOnly(99);
		ResponseEntity<String> response = getAlice();
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(response.getBody()).contains("Unable to authenticate");
		assertThat(EasemobStub.tokenRequests(easemob)).isEqualTo(1);
		assertThat(this.usersApi.calls()).isEqualTo(1);
		assertThat(this.rejections.list()).containsExactly("…0001 kept");
	}

	@Test
	void shouldRefreshOnceForFiftyConcurrent401sOfOneToken() throws Exception {
		EasemobStub.issueTokens(easemob, 3600);
		this.usersApi.acceptOnly(1);
		assertThat(getAlice().getStatusCode()).isEqualTo(HttpStatus.OK);
		this.usersApi.acceptOnly(2);
		EasemobStub.continueIssuingTokens(easemob, 3600, 200);
		this.clock.advance(Duration.ofSeconds(30));
		List<HttpStatus> statuses = concurrently(50, () -> HttpStatus.valueOf(getAlice().getStatusCode().value()));
		assertThat(statuses).hasSize(50).containsOnly(HttpStatus.OK);
		assertThat(EasemobStub.tokenRequests(easemob)).isEqualTo(2);
		assertThat(this.rejections.list()).containsExactly("…0001 dropped");
		assertThat(this.usersApi.callsWith(2)).as("each call succeeded once, with the new token").isEqualTo(50);
	}

	@Test
	void shouldMakeFiftyConcurrentCallersOnAColdCacheShareOneTokenRequest() throws Exception {
		EasemobStub.issueTokens(easemob, 3600, 300);
		this.usersApi.acceptOnly(1);
		List<HttpStatus> statuses = concurrently(50, () -> HttpStatus.valueOf(getAlice().getStatusCode().value()));
		assertThat(statuses).hasSize(50).containsOnly(HttpStatus.OK);
		assertThat(EasemobStub.tokenRequests(easemob)).isEqualTo(1);
		assertThat(this.usersApi.calls()).isEqualTo(50);
	}

	@Test
	void shouldFailWithTheTypedErrorAndSendNothingWhenThereIsNoToken() {
		EasemobStub.failWith(easemob, 400, "invalid_grant", "client_secret does not match");
		this.usersApi.acceptOnly(1);
		EasemobTokenUnavailableException ex = catchThrowableOfType(EasemobTokenUnavailableException.class,
				() -> this.restClient.get().uri("/users/{username}", "alice").retrieve().toBodilessEntity());
		assertThat(ex.getLastFailure().getReason()).isEqualTo(TokenFailureReason.INVALID_GRANT);
		assertThat(ex.getMessage()).contains("easemob.client-secret").doesNotContain(EasemobStub.CLIENT_SECRET);
		assertThat(this.usersApi.calls()).isZero();
	}

	@Test
	void shouldBoundTheWaitForATokenByTheGivenTimeout() {
		EasemobStub.issueTokens(easemob, 3600, 4000);
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
		EasemobStub.issueTokens(easemob, 3600);
		this.provider.getToken().block();
		this.clock.advance(Duration.ofSeconds(30));
		easemob.stubFor(post(urlEqualTo(USERS_PATH)).atPriority(10).willReturn(aResponse().withStatus(401)));
		easemob.stubFor(post(urlEqualTo(USERS_PATH)).atPriority(1)
			.withHeader("Authorization", equalTo("Bearer " + token(2)))
			.willReturn(okJson("{\"entities\":[{\"username\":\"bob\"}]}")));
		ResponseEntity<String> response = this.restClient.post()
			.uri("/users")
			.body(List.of(Map.of("username", "bob", "password", "pw")))
			.retrieve()
			.toEntity(String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		easemob.verify(2, postRequestedFor(urlEqualTo(USERS_PATH))
			.withRequestBody(equalToJson("[{\"username\":\"bob\",\"password\":\"pw\"}]")));
	}

	@Test
	void shouldWorkOnARestTemplateToo() {
		EasemobStub.issueTokens(easemob, 3600);
		this.usersApi.acceptOnly(2);
		this.provider.getToken().block();
		this.clock.advance(Duration.ofSeconds(30));
		RestTemplate restTemplate = new RestTemplate(new JdkClientHttpRequestFactory());
		restTemplate.getInterceptors().add(new EasemobTokenClientHttpRequestInterceptor(this.provider, Duration.ofSeconds(5)));
		ResponseEntity<String> response = restTemplate
			.getForEntity(EasemobStub.app(easemob).baseUri() + "/users/{username}", String.class, "alice");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(EasemobStub.tokenRequests(easemob)).isEqualTo(2);
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
