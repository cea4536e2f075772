package io.github.easemobtoken.web;

import java.time.Duration;
import java.util.List;

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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.github.easemobtoken.test.TestApp.USERS_PATH;
import static io.github.easemobtoken.test.TestApp.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The bearer filter between a {@code WebClient} and the fake Easemob that checks the
 * token on a protected users API.
 */
class EasemobTokenExchangeFilterFunctionTests {

	@RegisterExtension
	static final FakeEasemobExtension easemob = TestApp.fake();

	private final VirtualClock clock = new VirtualClock();

	private final RecordedRejections rejections = new RecordedRejections();

	private CachingEasemobTokenProvider provider;

	private WebClient webClient;

	private final UsersApi usersApi = new UsersApi(easemob);

	@BeforeEach
	void createClient() {
		this.provider = TestProviders.provider(easemob, this.clock, this.rejections);
		this.webClient = WebClient.builder()
			.baseUrl(TestApp.app(easemob).baseUri().toString())
			.filter(new EasemobTokenExchangeFilterFunction(this.provider))
			.build();
	}

	@AfterEach
	void close() {
		this.provider.close();
	}

	private ResponseEntity<String> getAlice() {
		return this.webClient.get()
			.uri("/users/{username}", "alice")
			.retrieve()
			.onStatus((status) -> true, (response) -> Mono.empty())
			.toEntity(String.class)
			.block(Duration.ofSeconds(10));
	}

	@Test
	void shouldAttachTheBearerTokenReplacingAnyAuthorizationHeader() {
		TestApp.issueTokens(easemob, 3600);
		this.usersApi.acceptOnly(1);
		ResponseEntity<String> response = this.webClient.get()
			.uri("/users/{username}", "alice")
			.header("Authorization", "Basic dXNlcjpwYXNz")
			.retrieve()
			.toEntity(String.class)
			.block(Duration.ofSeconds(10));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(easemob.fake().apiRequests().stream().flatMap((call) -> call.headers().get("Authorization").stream()))
			.containsExactly("Bearer " + token(1));
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
	void shouldRefreshOnceForAHundredConcurrent401sOfOneToken() {
		TestApp.issueTokens(easemob, 3600);
		this.usersApi.acceptOnly(1);
		assertThat(getAlice().getStatusCode()).isEqualTo(HttpStatus.OK);
		this.usersApi.acceptOnly(2);
		TestApp.continueIssuingTokens(easemob, 3600, 200);
		this.clock.advance(Duration.ofSeconds(30));
		List<HttpStatus> statuses = Flux.range(0, 100)
			.flatMap((i) -> this.webClient.get()
				.uri("/users/{username}", "alice")
				.retrieve()
				.toBodilessEntity()
				.subscribeOn(Schedulers.parallel()), 100)
			.map((entity) -> HttpStatus.valueOf(entity.getStatusCode().value()))
			.collectList()
			.block(Duration.ofSeconds(20));
		assertThat(statuses).hasSize(100).containsOnly(HttpStatus.OK);
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(2);
		assertThat(this.rejections.list()).containsExactly("…0001 dropped");
		assertThat(this.usersApi.callsWith(2)).as("each call succeeded once, with the new token").isEqualTo(100);
	}

	@Test
	void shouldFailWithTheTypedErrorAndSendNothingWhenThereIsNoToken() {
		TestApp.failWith(easemob, 400, "invalid_grant", "client_secret does not match");
		this.usersApi.acceptOnly(1);
		EasemobTokenUnavailableException ex = catchThrowableOfType(EasemobTokenUnavailableException.class,
				() -> this.webClient.get().uri("/users/{username}", "alice").retrieve().toBodilessEntity().block());
		assertThat(ex.getLastFailure().getReason()).isEqualTo(TokenFailureReason.INVALID_GRANT);
		assertThat(this.usersApi.calls()).isZero();
	}

	@Test
	void shouldNotResendWhenTheRequestSaysSoButStillReportTheToken() {
		TestApp.issueTokens(easemob, 3600);
		this.usersApi.acceptOnly(2);
		this.provider.getToken().block();
		this.clock.advance(Duration.ofSeconds(30));
		ResponseEntity<Void> first = this.webClient.get()
			.uri("/users/{username}", "alice")
			.attribute(EasemobTokenExchangeFilterFunction.RETRY_ON_UNAUTHORIZED, false)
			.retrieve()
			.onStatus((status) -> true, (response) -> Mono.empty())
			.toBodilessEntity()
			.block();
		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(this.usersApi.calls()).isEqualTo(1);
		assertThat(getAlice().getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(2);
	}

	@Test
	void shouldResendTheSameBodyAfterA401() {
		TestApp.issueTokens(easemob, 3600);
		this.provider.getToken().block();
		this.clock.advance(Duration.ofSeconds(30));
		easemob.fake().revoke(token(1));
		ResponseEntity<String> response = this.webClient.post()
			.uri("/users")
			.bodyValue(List.of(java.util.Map.of("username", "carol", "password", "pw")))
			.retrieve()
			.toEntity(String.class)
			.block(Duration.ofSeconds(10));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(TestApp.calls(easemob, USERS_PATH)).extracting(FakeEasemob.ApiRequest::status).containsExactly(401, 200);
		assertThat(easemob.fake().users(TestApp.APP_KEY)).as("the body sent again whole").contains("carol");
	}

}
