package io.github.easemobtoken.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.easemobtoken.EasemobApp;
import io.github.easemobtoken.EasemobCredentials;
import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.autoconfigure.EasemobProperties;
import io.github.easemobtoken.autoconfigure.health.EasemobTokenHealthIndicator;
import io.github.easemobtoken.metrics.EasemobTokenMetrics;
import io.github.easemobtoken.reliability.TokenEndpointFaultMatrixTests.EndpointFault;
import io.github.easemobtoken.store.TokenStore;
import io.github.easemobtoken.test.FakeEasemobExtension;
import io.github.easemobtoken.test.TestApp;
import io.github.easemobtoken.test.WireMockFaults;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import io.github.easemobtoken.token.EasemobTokenEndpoint;
import io.github.easemobtoken.token.TokenPolicy;
import io.github.easemobtoken.token.TtlUnit;
import io.github.easemobtoken.web.EasemobTokenClientHttpRequestInterceptor;
import io.github.easemobtoken.web.EasemobTokenExchangeFilterFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.github.easemobtoken.test.TestApp.CLIENT_SECRET;
import static io.github.easemobtoken.test.TestApp.TOKEN_PATH;
import static io.github.easemobtoken.test.TestApp.USERS_PATH;
import static io.github.easemobtoken.test.TestApp.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client secret and the tokens never show: a real WebFlux application with Actuator,
 * TRACE logging for easemob-token and for Spring's WebClient and codecs, values shown in
 * {@code /actuator/env} and {@code /actuator/configprops}, runs a token success, a 401
 * retry and every fault of the matrix; then the log, every exception, the
 * {@code toString()} of the public types, health details and both endpoints are searched.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretHygieneTests {

	@RegisterExtension
	static final FakeEasemobExtension fake = TestApp.fake();

	@RegisterExtension
	static final WireMockExtension easemob = WireMockFaults.server(fake);

	/** What a person could see: messages, toString()s, endpoint bodies. */
	private final List<String> seen = new ArrayList<>();

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

	private static final List<String> TRACED = List.of("io.github.easemobtoken",
			"org.springframework.web.reactive.function.client", "org.springframework.http.codec",
			"org.springframework.core.codec", "reactor.netty");

	/** Logging levels outlive the context that set them; later tests must not run at TRACE. */
	@AfterEach
	void restoreLogLevels() {
		LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());
		TRACED.forEach((logger) -> loggingSystem.setLogLevel(logger, null));
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.REACTIVE)
			.properties("server.port=0", "easemob.host=" + easemob.baseUrl(), "easemob.app-key=easemob-demo#testapp",
					"easemob.client-id=" + TestApp.CLIENT_ID, "easemob.client-secret=" + CLIENT_SECRET,
					"easemob.token.min-request-interval=1ms", "easemob.token.max-backoff=1ms",
					"easemob.response-timeout=1s", "logging.level.io.github.easemobtoken=TRACE",
					"logging.level.org.springframework.web.reactive.function.client=TRACE",
					"logging.level.org.springframework.http.codec=TRACE",
					"logging.level.org.springframework.core.codec=TRACE", "logging.level.reactor.netty=DEBUG",
					"management.endpoints.web.exposure.include=health,env,configprops,metrics",
					"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always",
					"management.endpoint.health.show-details=always")
			.run();
	}

	private void see(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			this.seen.add(cause.toString());
			for (Throwable suppressed : cause.getSuppressed()) {
				this.seen.add(suppressed.toString());
			}
		}
	}

	private void callAndSee(WebClient easemobWebClient) {
		easemobWebClient.get()
			.uri("/users/{username}", "alice")
			.retrieve()
			.toBodilessEntity()
			.doOnError(this::see)
			.onErrorResume((ex) -> Mono.empty())
			.block(Duration.ofSeconds(10));
	}

	private void awaitNextAttemptAllowed(CachingEasemobTokenProvider provider) {
		await().until(() -> {
			Instant next = provider.status().nextAttemptAt();
			return next == null || Instant.now().isAfter(next);
		});
	}

	@Test
	void shouldNeverShowTheSecretOrATokenAnywhere(CapturedOutput output) {
		WireMockFaults.issueTokens(easemob, fake, 3600);
		easemob.stubFor(get(urlPathMatching(USERS_PATH + "/.*")).atPriority(10).willReturn(aResponse().withStatus(401)));
		easemob.stubFor(get(urlPathMatching(USERS_PATH + "/.*")).atPriority(1)
			.withHeader("Authorization", equalTo("Bearer " + token(2)))
			.willReturn(okJson("{\"entities\":[]}")));
		try (ConfigurableApplicationContext context = start()) {
			WebClient easemobWebClient = context.getBean("easemobWebClient", WebClient.class);
			CachingEasemobTokenProvider provider = context.getBean(CachingEasemobTokenProvider.class);
			EasemobToken first = provider.getToken().block();
			this.seen.add(first.toString());
			await().until(() -> Instant.now().isAfter(provider.status().nextAttemptAt()));
			callAndSee(easemobWebClient);
			List<EndpointFault> faults = new ArrayList<>(TokenEndpointFaultMatrixTests.faults()
				.filter((fault) -> !fault.name().contains("Retry-After"))
				.toList());
			faults.add(TokenEndpointFaultMatrixTests.faults()
				.filter((fault) -> fault.name().contains("Retry-After"))
				.findFirst()
				.orElseThrow());
			for (EndpointFault fault : faults) {
				provider.getToken().onErrorResume((ex) -> Mono.empty()).blockOptional().ifPresent(provider::invalidate);
				easemob.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(fault.response().get()));
				awaitNextAttemptAllowed(provider);
				callAndSee(easemobWebClient);
				this.seen.add(provider.status().toString());
				this.seen.add(context.getBean(EasemobTokenHealthIndicator.class).health().toString());
			}
			seePublicTypes(context, provider);
			seeEndpoints(context);
			assertThat(this.seen).as("what was looked at").hasSizeGreaterThan(faults.size() * 3);
			List<String> secrets = new ArrayList<>(List.of(CLIENT_SECRET, "late-token-0001", "unusable-token-0001"));
			IntStream.rangeClosed(1, 20).mapToObj(TestApp::token).forEach(secrets::add);
			for (String secret : secrets) {
				assertThat(output.getAll()).as("the log").doesNotContain(secret);
				assertThat(this.seen).noneMatch((text) -> text.contains(secret));
			}
			assertThat(output.getAll()).as("TRACE was on").contains("TRACE");
			assertThat(String.join("\n", this.seen)).contains("******");
		}
	}

	private void seePublicTypes(ConfigurableApplicationContext context, CachingEasemobTokenProvider provider) {
		EasemobProperties properties = context.getBean(EasemobProperties.class);
		EasemobApp app = new EasemobApp(java.net.URI.create(easemob.baseUrl()), TestApp.ORG, TestApp.APP);
		EasemobCredentials credentials = new EasemobCredentials(properties.getClientId(), properties.getClientSecret());
		List<Object> objects = List.of(provider, provider.status(), properties, properties.getToken(), app, credentials,
				context.getBean(TokenStore.class), context.getBean(EasemobTokenProvider.class),
				context.getBean(EasemobTokenExchangeFilterFunction.class),
				new EasemobTokenClientHttpRequestInterceptor(provider, Duration.ofSeconds(1)),
				context.getBean(EasemobTokenMetrics.class),
				context.getBean(EasemobTokenHealthIndicator.class), context.getBean("easemobWebClient"),
				new EasemobTokenEndpoint(new ReactorClientHttpConnector(), app, credentials, null, TtlUnit.SECONDS,
						Duration.ofSeconds(1), java.time.InstantSource.system()),
				new TokenPolicy(Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofMinutes(5)),
				new EasemobToken(token(1), null, null));
		objects.forEach((object) -> this.seen.add(object.toString()));
		this.seen.add(context.getBean(TokenStore.class).read().map(Object::toString).block());
	}

	private void seeEndpoints(ConfigurableApplicationContext context) {
		int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		WebClient actuator = WebClient.create("http://127.0.0.1:" + port + "/actuator");
		for (String endpoint : List.of("/env", "/configprops", "/health", "/metrics/easemob.token.refresh")) {
			String body = actuator.get()
				.uri(endpoint)
				.exchangeToMono((response) -> response.bodyToMono(String.class))
				.block(Duration.ofSeconds(10));
			assertThat(body).as(endpoint).isNotBlank();
			this.seen.add(body);
		}
		assertThat(this.seen.get(this.seen.size() - 4)).as("/env shows values").contains(TestApp.CLIENT_ID);
	}

}
