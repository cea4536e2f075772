package io.github.easemobtoken.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample in demo mode, end to end over HTTP: its endpoints call the fake Easemob
 * through {@code easemobWebClient}, and tokens (3 s here) are refreshed in the background.
 * The Spring Boot 3 sample runs this class on its own build of the same application.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.demo.token-lifetime=3s", "easemob.token.min-request-interval=1s",
				"sample.demo.traffic-interval=500ms" })
@ActiveProfiles("demo")
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationDemoTests {

	private static final Pattern FULL_TOKEN = Pattern.compile("YWMt[A-Za-z0-9_-]{20,}");

	@LocalServerPort
	private int port;

	/** Bound by hand, the same way on Spring Boot 3 and 4: the Spring Boot 3 sample runs this class too. */
	private WebTestClient web;

	@BeforeEach
	void bindToTheSample() {
		this.web = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(10))
			.build();
	}

	@Test
	void shouldRegisterAndReadBackAUserThroughTheSamplesEndpoints() {
		this.web.post()
			.uri("/users")
			.bodyValue(Map.of("username", "alice", "password", "alice-password"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.username")
			.isEqualTo("alice")
			.jsonPath("$.activated")
			.isEqualTo(true);
		this.web.get().uri("/users/alice").exchange().expectStatus().isOk().expectBody().jsonPath("$.username")
			.isEqualTo("alice");
		this.web.get().uri("/users/nobody").exchange().expectStatus().isNotFound();
	}

	@Test
	void shouldObtainATokenAndRefreshItInTheBackground(CapturedOutput output) {
		this.web.get().uri("/users/nobody").exchange().expectStatus().isNotFound();
		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> successfulRefreshes() >= 3);
		this.web.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.easemobToken.status")
			.isEqualTo("UP")
			.jsonPath("$.components.easemobToken.details.app")
			.isEqualTo("demo-org#demo-app")
			.jsonPath("$.components.easemobToken.details.expiresAt")
			.exists();
		this.web.get()
			.uri("/actuator/metrics/easemob.token.refresh?tag=outcome:failure")
			.exchange()
			.expectBody()
			.jsonPath("$.measurements[?(@.statistic == 'COUNT')].value")
			.isEqualTo(0.0);
		// The registration is logged once, at startup, which may be before this test's capture began; the
		// reads, every 500 ms, find the user it registered.
		assertThat(output.getAll()).contains("Obtained Easemob app token …")
			.contains("Demo: read user demo-user through easemobWebClient")
			.doesNotContain("demo-client-secret");
		assertThat(FULL_TOKEN.matcher(output.getAll()).find()).as("a whole token in the log").isFalse();
	}

	@Test
	void shouldLogTheDemoUserInWithAnIssuedAndADynamicUserToken() {
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> count("easemob.user-token.signed", "") >= 1);
		assertThat(count("easemob.user-token.requests", "?tag=outcome:success")).isEqualTo(1.0);
		assertThat(count("easemob.user-token.signed", "")).isEqualTo(1.0);
	}

	private double count(String meter, String query) {
		Map<?, ?> metric = this.web.get()
			.uri("/actuator/metrics/" + meter + query)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return ((List<?>) metric.get("measurements")).stream()
			.map(Map.class::cast)
			.filter((measurement) -> "COUNT".equals(measurement.get("statistic")))
			.mapToDouble((measurement) -> ((Number) measurement.get("value")).doubleValue())
			.sum();
	}

	private double successfulRefreshes() {
		return count("easemob.token.refresh", "?tag=outcome:success");
	}

}
