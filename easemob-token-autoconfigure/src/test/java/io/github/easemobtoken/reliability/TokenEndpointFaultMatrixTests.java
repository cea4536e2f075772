package io.github.easemobtoken.reliability;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.easemobtoken.EasemobTokenRequestException;
import io.github.easemobtoken.EasemobTokenUnavailableException;
import io.github.easemobtoken.TokenFailureReason;
import io.github.easemobtoken.store.InMemoryTokenStore;
import io.github.easemobtoken.test.FakeEasemobExtension;
import io.github.easemobtoken.test.ProviderHarness;
import io.github.easemobtoken.test.TestApp;
import io.github.easemobtoken.test.VirtualClock;
import io.github.easemobtoken.test.WireMockFaults;
import io.github.easemobtoken.token.TokenStatus;
import io.github.easemobtoken.token.TtlUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.easemobtoken.test.TestApp.TOKEN_PATH;
import static io.github.easemobtoken.test.TestApp.token;
import static io.github.easemobtoken.test.VirtualClock.START;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every fault of the token endpoint, four ways: what a caller gets, what happens to a
 * still-valid token, exactly when requests are made over ten minutes of steady traffic,
 * and recovery once the endpoint is healthy. Virtual time, real HTTP (WireMock), token
 * requests time out after one second of real time.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenEndpointFaultMatrixTests {

	/** Request instants, in seconds from the first, for a transient fault: 10 s doubling. */
	static final List<Long> TRANSIENT = List.of(0L, 10L, 30L, 70L, 150L, 310L);

	/** Retry-After 60 s wins while the backoff is shorter. */
	static final List<Long> RETRY_AFTER_60 = List.of(0L, 60L, 120L, 180L, 260L, 420L);

	/** Retry-After as an HTTP date 90 s after the server's Date. */
	static final List<Long> RETRY_AFTER_90 = List.of(0L, 90L, 180L, 270L, 360L, 520L);

	/** A configuration error waits max-backoff (5 min). */
	static final List<Long> CONFIGURATION = List.of(0L, 300L);

	private static final String HTML_502 = "<html><head><title>502 Bad Gateway</title></head><body><center>"
			+ "<h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";

	@RegisterExtension
	static final FakeEasemobExtension fake = TestApp.fake();

	@RegisterExtension
	static final WireMockExtension easemob = WireMockFaults.server(fake);

	private final VirtualClock clock = new VirtualClock();

	private ProviderHarness harness;

	@BeforeEach
	void createHarness() {
		this.harness = new ProviderHarness(easemob, this.clock, TtlUnit.SECONDS, 0.5, new InMemoryTokenStore(),
				Duration.ofSeconds(1));
	}

	@AfterEach
	void close() {
		this.harness.close();
	}

	/**
	 * A fault of the token endpoint.
	 *
	 * @param name what it is
	 * @param response how WireMock answers
	 * @param reason the reason callers and meters get
	 * @param says how the message a caller gets starts, after "No Easemob app token for …: "
	 * @param schedule when requests are made, in seconds from the first
	 */
	record EndpointFault(String name, Supplier<ResponseDefinitionBuilder> response, TokenFailureReason reason,
			String says, List<Long> schedule) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	static Stream<EndpointFault> faults() {
		return Stream.of(
				new EndpointFault("500", () -> aResponse().withStatus(500), TokenFailureReason.SERVER_ERROR,
						"server_error (HTTP 500): no error description — Easemob had a server error", TRANSIENT),
				new EndpointFault("502 with an HTML page",
						() -> aResponse().withStatus(502).withHeader("Content-Type", "text/html").withBody(HTML_502),
						TokenFailureReason.SERVER_ERROR, "server_error (HTTP 502): no error description", TRANSIENT),
				new EndpointFault("503", () -> WireMockFaults.errorResponse(503, "service_unavailable", "maintenance"),
						TokenFailureReason.SERVER_ERROR, "server_error (HTTP 503): maintenance", TRANSIENT),
				new EndpointFault("429 without Retry-After",
						() -> WireMockFaults.errorResponse(429, "reach_limit", "This request has reached api limit"),
						TokenFailureReason.RATE_LIMITED,
						"rate_limited (HTTP 429): This request has reached api limit — the token endpoint's rate limit "
								+ "was reached",
						TRANSIENT),
				new EndpointFault("429 with Retry-After in seconds",
						() -> WireMockFaults.errorResponse(429, "reach_limit", "limit").withHeader("Retry-After", "60"),
						TokenFailureReason.RATE_LIMITED, "rate_limited (HTTP 429): limit", RETRY_AFTER_60),
				new EndpointFault("429 with Retry-After as an HTTP date",
						() -> WireMockFaults.errorResponse(429, "reach_limit", "limit")
							.withHeader("Date", "Tue, 24 Nov 2026 10:00:00 GMT")
							.withHeader("Retry-After", "Tue, 24 Nov 2026 10:01:30 GMT"),
						TokenFailureReason.RATE_LIMITED, "rate_limited (HTTP 429): limit", RETRY_AFTER_90),
				new EndpointFault("connection reset", () -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
						TokenFailureReason.IO_ERROR, "io_error: the token request to ", TRANSIENT),
				new EndpointFault("empty response", () -> aResponse().withFault(Fault.EMPTY_RESPONSE),
						TokenFailureReason.IO_ERROR, "io_error: the token request to ", TRANSIENT),
				new EndpointFault("malformed chunk", () -> aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK),
						TokenFailureReason.IO_ERROR, "io_error: the token request to ", TRANSIENT),
				new EndpointFault("random data, then close", () -> aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE),
						TokenFailureReason.IO_ERROR, "io_error: the token request to ", TRANSIENT),
				new EndpointFault("no answer within the response timeout",
						() -> okJson("{\"access_token\":\"late-token-0001\",\"expires_in\":3600}").withFixedDelay(3000),
						TokenFailureReason.TIMEOUT, "timeout: no complete answer to the token request to ", TRANSIENT),
				new EndpointFault("JSON without access_token", () -> okJson("{\"expires_in\":3600}"),
						TokenFailureReason.MALFORMED_RESPONSE,
						"malformed_response (HTTP 200): access_token is missing or not a string", TRANSIENT),
				new EndpointFault("expires_in missing", () -> okJson("{\"access_token\":\"unusable-token-0001\"}"),
						TokenFailureReason.MALFORMED_RESPONSE, "malformed_response (HTTP 200): expires_in is missing",
						TRANSIENT),
				new EndpointFault("expires_in negative",
						() -> okJson("{\"access_token\":\"unusable-token-0001\",\"expires_in\":-3600}"),
						TokenFailureReason.MALFORMED_RESPONSE,
						"malformed_response (HTTP 200): expires_in is negative: -3600", TRANSIENT),
				new EndpointFault("expires_in not a number",
						() -> okJson("{\"access_token\":\"unusable-token-0001\",\"expires_in\":\"3600s\"}"),
						TokenFailureReason.MALFORMED_RESPONSE,
						"malformed_response (HTTP 200): expires_in is not a whole number: \"3600s\"", TRANSIENT),
				new EndpointFault("access_token with CR LF",
						() -> okJson("{\"access_token\":\"unusable-token-0001\\r\\nX-Injected: 1\",\"expires_in\":3600}"),
						TokenFailureReason.MALFORMED_RESPONSE,
						"malformed_response (HTTP 200): access_token has characters not allowed in an Authorization header",
						TRANSIENT),
				new EndpointFault("access_token with a control character",
						() -> okJson("{\"access_token\":\"unusable-token\\u0007-0001\",\"expires_in\":3600}"),
						TokenFailureReason.MALFORMED_RESPONSE,
						"malformed_response (HTTP 200): access_token has characters not allowed in an Authorization header",
						TRANSIENT),
				new EndpointFault("access_token with non-ASCII characters",
						() -> okJson("{\"access_token\":\"unusable-tökén-0001\",\"expires_in\":3600}"),
						TokenFailureReason.MALFORMED_RESPONSE,
						"malformed_response (HTTP 200): access_token has characters not allowed in an Authorization header",
						TRANSIENT),
				new EndpointFault("200 that is not JSON",
						() -> aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody("OK"),
						TokenFailureReason.MALFORMED_RESPONSE,
						"malformed_response (HTTP 200): the body is not JSON (Content-Type text/plain, 2 bytes)",
						TRANSIENT),
				new EndpointFault("200 with an HTML page",
						() -> aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody(HTML_502),
						TokenFailureReason.MALFORMED_RESPONSE,
						"malformed_response (HTTP 200): the body is not JSON (Content-Type text/html", TRANSIENT),
				new EndpointFault("404 HTML page of a proxy",
						() -> aResponse().withStatus(404).withHeader("Content-Type", "text/html").withBody("<h1>Not Found</h1>"),
						TokenFailureReason.CLIENT_ERROR,
						"client_error (HTTP 404): no error description — check easemob.host, easemob.org-name and "
								+ "easemob.app-name",
						CONFIGURATION),
				new EndpointFault("400 invalid_grant",
						() -> WireMockFaults.errorResponse(400, "invalid_grant", "client_secret does not match"),
						TokenFailureReason.INVALID_GRANT,
						"invalid_grant (HTTP 400): client_secret does not match — check easemob.client-secret",
						CONFIGURATION),
				new EndpointFault("404 organization_application_not_found",
						() -> WireMockFaults.errorResponse(404, "organization_application_not_found",
								"Could not find application for easemob-demo/testapp from URI: easemob-demo/testapp/token"),
						TokenFailureReason.ORGANIZATION_APPLICATION_NOT_FOUND,
						"organization_application_not_found (HTTP 404): Could not find application", CONFIGURATION));
	}

	private static void fail(EndpointFault fault) {
		easemob.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(fault.response().get()));
	}

	/** One call a virtual second for {@code seconds} seconds; returns how many got a token. */
	private int traffic(int seconds) {
		int served = 0;
		for (int second = 0; second < seconds; second++) {
			this.clock.advance(Duration.ofSeconds(1));
			this.harness.awaitQuiet();
			served += this.harness.provider().getToken().map((token) -> 1).onErrorResume((ex) -> Mono.just(0))
				.block(Duration.ofSeconds(10));
		}
		this.harness.awaitQuiet();
		return served;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("faults")
	void shouldGiveTheCallerATypedErrorThatSaysWhatHappened(EndpointFault fault) {
		fail(fault);
		EasemobTokenUnavailableException ex = this.harness.unavailable();
		EasemobTokenRequestException failure = ex.getLastFailure();
		assertThat(failure.getReason()).isEqualTo(fault.reason());
		assertThat(failure.isConfigurationError()).isEqualTo(fault.schedule() == CONFIGURATION);
		assertThat(ex.getMessage()).startsWith("No Easemob app token for easemob-demo#testapp: " + fault.says())
			.contains("; next token request not before ");
		assertThat(ex.getNextAttemptAt()).isEqualTo(START.plusSeconds(fault.schedule().get(1)));
		assertThat(this.harness.unavailable()).as("each caller its own").isNotSameAs(ex);
		assertThat(WireMockFaults.tokenRequests(easemob)).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("faults")
	void shouldKeepServingAStillValidTokenUntilItExpires(EndpointFault fault) {
		WireMockFaults.issueTokens(easemob, fake, 3600);
		assertThat(this.harness.currentToken()).isEqualTo(token(1));
		fail(fault);
		this.clock.advance(Duration.ofMinutes(55));
		this.harness.awaitQuiet();
		assertThat(traffic(299)).as("calls served until 59:59, when token 1 still lives").isEqualTo(299);
		assertThat(this.harness.currentToken()).isEqualTo(token(1));
		this.clock.advance(Duration.ofSeconds(1));
		this.harness.awaitQuiet();
		assertThat(this.harness.unavailable().getLastFailure().getReason()).as("at 60:00, expired")
			.isEqualTo(fault.reason());
		long failedRefreshes = fault.schedule().stream().filter((second) -> second <= 300).count();
		assertThat(this.harness.events()).hasSize(1 + (int) failedRefreshes)
			.startsWith("obtained …0001")
			.endsWith("failed " + fault.reason().tag());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("faults")
	void shouldRequestOnlyAsTheFloorAndTheBackoffAllowUnderSteadyTraffic(EndpointFault fault) {
		fail(fault);
		this.harness.provider().getToken().onErrorResume((ex) -> Mono.empty()).block(Duration.ofSeconds(10));
		assertThat(traffic(599)).as("calls served").isZero();
		assertThat(this.harness.requestSeconds()).isEqualTo(fault.schedule());
		assertThat(this.harness.events()).hasSize(fault.schedule().size())
			.containsOnly("failed " + fault.reason().tag());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("faults")
	void shouldRecoverOnceTheEndpointIsHealthyAgain(EndpointFault fault) {
		fail(fault);
		Duration wait = this.harness.unavailable().getLastFailure().isConfigurationError() ? Duration.ofMinutes(5)
				: Duration.ofSeconds(fault.schedule().get(1));
		WireMockFaults.issueTokens(easemob, fake, 3600);
		this.harness.advanceAndExpectNoRequest(wait.minusMillis(1));
		this.clock.advance(Duration.ofMillis(1));
		this.harness.awaitRequests(2);
		assertThat(this.harness.currentToken()).isEqualTo(token(1));
		TokenStatus status = this.harness.provider().status();
		assertThat(status.state()).isEqualTo(TokenStatus.State.VALID);
		assertThat(status.lastFailure()).isNull();
		assertThat(status.consecutiveFailures()).isZero();
		assertThat(traffic(600)).as("calls served in the next ten minutes").isEqualTo(600);
		assertThat(WireMockFaults.tokenRequests(easemob)).isEqualTo(2);
	}

	@Test
	void shouldUseAnAbsurdlyLongLifetimeAsAHundredYearsAndSayWhichPropertyToCheck(CapturedOutput output) {
		easemob.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(
				okJson("{\"access_token\":\"" + token(1) + "\",\"expires_in\":" + Long.MAX_VALUE + "}")));
		assertThat(this.harness.currentToken()).isEqualTo(token(1));
		assertThat(this.harness.provider().status().expiresAt()).isEqualTo(START.plus(Duration.ofDays(36_500)));
		this.harness.advanceAndExpectNoRequest(Duration.ofDays(3650));
		assertThat(output.getAll()).contains("more than 100 years; using the token as valid for 100 years. If your "
				+ "cluster answers in milliseconds (VIP 5), set easemob.ttl-unit=milliseconds");
	}

}
