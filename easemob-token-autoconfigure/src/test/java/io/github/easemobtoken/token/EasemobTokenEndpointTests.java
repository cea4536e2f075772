package io.github.easemobtoken.token;

import java.time.Duration;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenRequestException;
import io.github.easemobtoken.TokenFailureReason;
import io.github.easemobtoken.test.FakeEasemobExtension;
import io.github.easemobtoken.test.TestApp;
import io.github.easemobtoken.test.VirtualClock;
import io.github.easemobtoken.test.WireMockFaults;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.easemobtoken.test.TestApp.CLIENT_ID;
import static io.github.easemobtoken.test.TestApp.CLIENT_SECRET;
import static io.github.easemobtoken.test.TestApp.TOKEN_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The token endpoint client against WireMock in front of the fake Easemob: the request it sends, the answers
 * it understands and the errors it reports.
 */
class EasemobTokenEndpointTests {

	@RegisterExtension
	static final FakeEasemobExtension fake = TestApp.fake();

	@RegisterExtension
	static final WireMockExtension easemob = WireMockFaults.server(fake);

	private final VirtualClock clock = new VirtualClock();

	private EasemobTokenEndpoint endpoint(@Nullable Duration ttl, TtlUnit unit, Duration responseTimeout) {
		return new EasemobTokenEndpoint(new ReactorClientHttpConnector(), WireMockFaults.app(easemob), TestApp.credentials(), ttl,
				unit, responseTimeout, this.clock);
	}

	private EasemobTokenEndpoint endpoint() {
		return endpoint(null, TtlUnit.SECONDS, Duration.ofSeconds(5));
	}

	private EasemobTokenRequestException failure(EasemobTokenEndpoint endpoint) {
		EasemobTokenRequestException failure = catchThrowableOfType(EasemobTokenRequestException.class,
				() -> endpoint.requestToken().block(Duration.ofSeconds(10)));
		assertThat(failure).as("a typed failure").isNotNull();
		assertThat(failure.getMessage()).doesNotContain(CLIENT_SECRET);
		return failure;
	}

	@Test
	void shouldSendExactlyTheDocumentedRequestWithoutTtlWhenTtlIsUnset() {
		WireMockFaults.issueTokens(easemob, fake, 3600);
		EasemobToken token = endpoint().requestToken().block();
		easemob.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)).withHeader("Content-Type", equalTo("application/json"))
			.withHeader("Accept", equalTo("application/json"))
			.withRequestBody(equalToJson("""
					{"grant_type":"client_credentials","client_id":"%s","client_secret":"%s"}"""
				.formatted(CLIENT_ID, CLIENT_SECRET))));
		assertThat(token.accessToken()).isEqualTo(TestApp.token(1));
		assertThat(token.expiresAt()).contains(VirtualClock.START.plusSeconds(3600));
		assertThat(token.application()).contains(fake.fake().apps().get(0).application());
	}

	@Test
	void shouldSendTtlInSeconds() {
		WireMockFaults.issueTokens(easemob, fake, 604800);
		EasemobToken token = endpoint(Duration.ofDays(7), TtlUnit.SECONDS, Duration.ofSeconds(5)).requestToken().block();
		easemob.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)).withRequestBody(equalToJson("""
				{"grant_type":"client_credentials","client_id":"%s","client_secret":"%s","ttl":604800}"""
			.formatted(CLIENT_ID, CLIENT_SECRET))));
		assertThat(token.expiresAt()).contains(VirtualClock.START.plus(Duration.ofDays(7)));
	}

	@Test
	void shouldSendTtlAndReadExpiresInMillisecondsOnTheVip5Cluster() {
		WireMockFaults.issueTokens(easemob, fake, 2000);
		EasemobToken token = endpoint(Duration.ofSeconds(2), TtlUnit.MILLISECONDS, Duration.ofSeconds(5)).requestToken()
			.block();
		easemob.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)).withRequestBody(equalToJson("""
				{"grant_type":"client_credentials","client_id":"%s","client_secret":"%s","ttl":2000}"""
			.formatted(CLIENT_ID, CLIENT_SECRET))));
		assertThat(token.expiresAt()).contains(VirtualClock.START.plusSeconds(2));
	}

	@Test
	void shouldSendZeroTtlAndReadZeroExpiresInAsNeverExpires() {
		WireMockFaults.issueTokens(easemob, fake, 0);
		EasemobToken token = endpoint(Duration.ZERO, TtlUnit.SECONDS, Duration.ofSeconds(5)).requestToken().block();
		easemob.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)).withRequestBody(equalToJson("""
				{"grant_type":"client_credentials","client_id":"%s","client_secret":"%s","ttl":0}"""
			.formatted(CLIENT_ID, CLIENT_SECRET))));
		assertThat(token.isPermanent()).isTrue();
		assertThat(token.expiresAt()).isEmpty();
		assertThat(token.isExpiredAt(VirtualClock.START.plus(Duration.ofDays(100_000)))).isFalse();
	}

	@Test
	void shouldIgnoreUnknownFieldsAndAcceptAMissingApplication() {
		easemob.stubFor(post(urlEqualTo(TOKEN_PATH))
			.willReturn(okJson("{\"access_token\":\"abcdefghijklmnopqrstu\",\"expires_in\":60,\"extra\":[1,2]}")));
		EasemobToken token = endpoint().requestToken().block();
		assertThat(token.accessToken()).isEqualTo("abcdefghijklmnopqrstu");
		assertThat(token.application()).isEmpty();
		assertThat(token.expiresAt()).contains(VirtualClock.START.plusSeconds(60));
	}

	static Stream<Arguments> errorTable() {
		return Stream.of(
				Arguments.of(400, "illegal_argument", "client_id must be provided.", TokenFailureReason.ILLEGAL_ARGUMENT,
						"check easemob.client-id (Client ID)"),
				Arguments.of(400, "illegal_argument", "client_secret must be provided",
						TokenFailureReason.ILLEGAL_ARGUMENT, "check easemob.client-secret (ClientSecret)"),
				Arguments.of(400, "invalid_grant", "client_id does not match", TokenFailureReason.INVALID_GRANT,
						"check easemob.client-id (Client ID)"),
				Arguments.of(400, "invalid_grant", "client_secret does not match", TokenFailureReason.INVALID_GRANT,
						"check easemob.client-secret (ClientSecret)"),
				Arguments.of(404, "organization_application_not_found",
						"Could not find application for easemob-demo/testapp from URI: easemob-demo/testapp/users",
						TokenFailureReason.ORGANIZATION_APPLICATION_NOT_FOUND,
						"check easemob.org-name and easemob.app-name (or easemob.app-key)"));
	}

	@ParameterizedTest(name = "{0} {1}: {2}")
	@MethodSource("errorTable")
	void shouldReportEveryRowOfTheErrorTableAsATypedConfigurationError(int status, String error, String description,
			TokenFailureReason reason, String advice) {
		WireMockFaults.answerTokenRequests(easemob, WireMockFaults.errorResponse(status, error, description));
		EasemobTokenRequestException failure = failure(endpoint());
		assertThat(failure.getStatusCode()).isEqualTo(status);
		assertThat(failure.getError()).isEqualTo(error);
		assertThat(failure.getErrorDescription()).isEqualTo(description);
		assertThat(failure.getReason()).isEqualTo(reason);
		assertThat(failure.isConfigurationError()).isTrue();
		assertThat(failure.getRetryAfter()).isNull();
		assertThat(failure.getMessage()).startsWith(error + " (HTTP " + status + "): " + description + " — ")
			.contains(advice);
		assertThat(WireMockFaults.tokenRequests(easemob)).isEqualTo(1);
	}

	@Test
	void shouldSayWhichKeyToFixForAMismatchedSecret() {
		WireMockFaults.answerTokenRequests(easemob, WireMockFaults.errorResponse(400, "invalid_grant", "client_secret does not match"));
		assertThat(failure(endpoint())).hasMessage("invalid_grant (HTTP 400): client_secret does not match — check "
				+ "easemob.client-secret (ClientSecret): it must be the one shown for app easemob-demo#testapp in the "
				+ "Easemob console → your app → Application Info (应用详情)");
	}

	@ParameterizedTest
	@ValueSource(ints = { 500, 502, 503, 504 })
	void shouldReportServerErrorsAsTransient(int status) {
		easemob.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(status).withBody("<html>oops</html>")));
		EasemobTokenRequestException failure = failure(endpoint());
		assertThat(failure.getReason()).isEqualTo(TokenFailureReason.SERVER_ERROR);
		assertThat(failure.isConfigurationError()).isFalse();
		assertThat(failure.getStatusCode()).isEqualTo(status);
		assertThat(failure.getMessage()).startsWith("server_error (HTTP " + status + "): no error description");
	}

	@Test
	void shouldReadRetryAfterSecondsOfA503() {
		easemob.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "7")));
		assertThat(failure(endpoint()).getRetryAfter()).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void shouldReportA429AsRateLimitedWithItsRetryAfterSeconds() {
		easemob.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(
				WireMockFaults.errorResponse(429, "reach_limit", "This request has reached api limit").withHeader("Retry-After", "30")));
		EasemobTokenRequestException failure = failure(endpoint());
		assertThat(failure.getReason()).isEqualTo(TokenFailureReason.RATE_LIMITED);
		assertThat(failure.isConfigurationError()).isFalse();
		assertThat(failure.getError()).isEqualTo("reach_limit");
		assertThat(failure.getRetryAfter()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void shouldReadRetryAfterAsAnHttpDateRelativeToTheServersDate() {
		easemob.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(429)
			.withHeader("Date", "Tue, 24 Nov 2026 10:00:00 GMT")
			.withHeader("Retry-After", "Tue, 24 Nov 2026 10:01:30 GMT")));
		assertThat(failure(endpoint()).getRetryAfter()).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void shouldIgnoreAnUnreadableRetryAfter() {
		easemob.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "soon")));
		EasemobTokenRequestException failure = failure(endpoint());
		assertThat(failure.getReason()).isEqualTo(TokenFailureReason.RATE_LIMITED);
		assertThat(failure.getRetryAfter()).isNull();
	}

	@Test
	void shouldTimeOutAfterTheResponseTimeout() {
		WireMockFaults.passTo(easemob, fake);
		TestApp.continueIssuingTokens(fake, 3600, 3000);
		long start = System.nanoTime();
		EasemobTokenRequestException failure = failure(endpoint(null, TtlUnit.SECONDS, Duration.ofMillis(300)));
		long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
		assertThat(failure.getReason()).isEqualTo(TokenFailureReason.TIMEOUT);
		assertThat(failure.getStatusCode()).isZero();
		assertThat(failure.getMessage()).contains("within 300 ms").contains("easemob.response-timeout");
		assertThat(elapsedMillis).isBetween(300L, 2500L);
	}

	@ParameterizedTest
	@MethodSource("connectionFaults")
	void shouldReportBrokenConnectionsAsIoErrors(Fault fault) {
		easemob.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withFault(fault)));
		EasemobTokenRequestException failure = failure(endpoint());
		assertThat(failure.getReason()).isEqualTo(TokenFailureReason.IO_ERROR);
		assertThat(failure.isConfigurationError()).isFalse();
		assertThat(failure.getStatusCode()).isZero();
		assertThat(failure.getCause()).isNotNull();
		assertThat(failure.getMessage())
			.startsWith("io_error: the token request to " + easemob.baseUrl() + TOKEN_PATH + " failed: ")
			.endsWith(" — check easemob.host and the network");
	}

	static Stream<Fault> connectionFaults() {
		return Stream.of(Fault.CONNECTION_RESET_BY_PEER, Fault.EMPTY_RESPONSE, Fault.MALFORMED_RESPONSE_CHUNK,
				Fault.RANDOM_DATA_THEN_CLOSE);
	}

	static Stream<Arguments> malformedBodies() {
		return Stream.of(Arguments.of("application/json", "", "the body is empty"),
				Arguments.of("text/html", "<html><body>Bad gateway</body></html>", "the body is not JSON"),
				Arguments.of("application/json", "not json at all", "the body is not JSON"),
				Arguments.of("application/json", "[1,2,3]", "the body is JSON but not an object"),
				Arguments.of("application/json", "{}", "access_token is missing"),
				Arguments.of("application/json", "{\"access_token\":\"\",\"expires_in\":60}", "access_token is missing"),
				Arguments.of("application/json", "{\"access_token\":42,\"expires_in\":60}", "access_token is missing"),
				Arguments.of("application/json", "{\"access_token\":\"secret-token-value-0001\"}", "expires_in is missing"),
				Arguments.of("application/json", "{\"access_token\":\"secret-token-value-0001\",\"expires_in\":null}",
						"expires_in is missing"),
				Arguments.of("application/json", "{\"access_token\":\"secret-token-value-0001\",\"expires_in\":\"abc\"}",
						"expires_in is not a whole number: \"abc\""),
				Arguments.of("application/json", "{\"access_token\":\"secret-token-value-0001\",\"expires_in\":1.5}",
						"expires_in is not a whole number: 1.5"),
				Arguments.of("application/json", "{\"access_token\":\"secret-token-value-0001\",\"expires_in\":-1}",
						"expires_in is negative: -1"),
				Arguments.of("application/json",
						"{\"access_token\":\"secret-token-value-0001\",\"expires_in\":99999999999999999999999}",
						"expires_in is out of range: 99999999999999999999999"));
	}

	@ParameterizedTest(name = "{2}: {1}")
	@MethodSource("malformedBodies")
	void shouldReportMalformedBodiesWithoutQuotingThem(String contentType, String body, String problem) {
		easemob.stubFor(post(urlEqualTo(TOKEN_PATH))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", contentType).withBody(body)));
		EasemobTokenRequestException failure = failure(endpoint());
		assertThat(failure.getReason()).isEqualTo(TokenFailureReason.MALFORMED_RESPONSE);
		assertThat(failure.isConfigurationError()).isFalse();
		assertThat(failure.getStatusCode()).isEqualTo(200);
		assertThat(failure.getMessage()).startsWith("malformed_response (HTTP 200): " + problem)
			.contains("check easemob.host")
			.doesNotContain("secret-token-value");
	}

	@Test
	void shouldCapAnAbsurdlyLongLifetimeAtAHundredYears() {
		easemob.stubFor(post(urlEqualTo(TOKEN_PATH))
			.willReturn(okJson("{\"access_token\":\"abcdefghijklmnopqrstu\",\"expires_in\":" + Long.MAX_VALUE + "}")));
		EasemobToken token = endpoint().requestToken().block();
		assertThat(token.expiresAt()).contains(VirtualClock.START.plus(Duration.ofDays(36_500)));
	}

	@Test
	void shouldNotFollowRedirectsAndSayWhereTheyPoint() {
		easemob.stubFor(post(urlEqualTo(TOKEN_PATH))
			.willReturn(aResponse().withStatus(301).withHeader("Location", "https://a61.easemob.com/easemob-demo/testapp/token")));
		EasemobTokenRequestException failure = failure(endpoint());
		assertThat(failure.getReason()).isEqualTo(TokenFailureReason.CLIENT_ERROR);
		assertThat(failure.isConfigurationError()).isTrue();
		assertThat(failure.getMessage()).contains("redirects to https://a61.easemob.com/easemob-demo/testapp/token")
			.contains("set easemob.host");
		assertThat(WireMockFaults.tokenRequests(easemob)).isEqualTo(1);
	}

	@Test
	void shouldReportA401AsACredentialsProblem() {
		WireMockFaults.answerTokenRequests(easemob, WireMockFaults.errorResponse(401, "unauthorized", "Unable to authenticate"));
		EasemobTokenRequestException failure = failure(endpoint());
		assertThat(failure.getReason()).isEqualTo(TokenFailureReason.CLIENT_ERROR);
		assertThat(failure.getMessage()).contains("check easemob.client-id and easemob.client-secret");
	}

	@Test
	void shouldBlankOutTheSecretIfTheServerEchoesIt() {
		WireMockFaults.answerTokenRequests(easemob, WireMockFaults.errorResponse(400, "invalid_grant", "client_secret " + CLIENT_SECRET + " does not match"));
		EasemobTokenRequestException failure = failure(endpoint());
		assertThat(failure.getErrorDescription()).isEqualTo("client_secret ****** does not match");
		assertThat(failure.getMessage()).contains("client_secret ****** does not match");
	}

	@Test
	void shouldNotShowTheSecretInToString() {
		assertThat(endpoint()).hasToString("EasemobTokenEndpoint[" + easemob.baseUrl() + TOKEN_PATH + "]");
		assertThat(TestApp.credentials().toString()).doesNotContain(CLIENT_SECRET).contains("******");
	}

}
