package io.github.easemobtoken.sample;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.test.FakeEasemob;
import io.github.easemobtoken.test.FakeEasemobExtension;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * This application with the starter of its Spring Boot line, as a user runs it: the same class
 * runs in this sample (Spring Boot 4, {@code easemob-token-starter}) and in the Spring Boot 3
 * sample ({@code easemob-token-spring-boot3-starter}), with the same figures.
 */
class StarterEndToEndTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	static final FakeEasemobExtension easemob = new FakeEasemobExtension(
			(builder) -> builder.tokenLifetime(Duration.ofHours(1)));

	private ConfigurableApplicationContext start(WebApplicationType type, String... properties) {
		return new SpringApplicationBuilder(SampleApplication.class).web(type)
			.initializers(easemob.initializer())
			.properties("server.port=0", "easemob.token.min-request-interval=1ms",
					"management.endpoints.web.exposure.include=health",
					"management.endpoint.health.show-details=always")
			.properties(properties)
			.run();
	}

	@Test
	void shouldCallEasemobThroughEasemobWebClientAndEasemobRestClientOnOneToken() {
		easemob.fake().addUsers(FakeEasemob.APP_KEY, "alice");
		try (ConfigurableApplicationContext context = start(WebApplicationType.NONE)) {
			WebClient webClient = context.getBean("easemobWebClient", WebClient.class);
			RestClient restClient = context.getBean("easemobRestClient", RestClient.class);
			assertThat(webClient.get().uri("/users/alice").retrieve().bodyToMono(String.class).block(WAIT))
				.contains("alice");
			assertThat(restClient.get().uri("/users/alice").retrieve().body(String.class)).contains("alice");
			easemob.fake().revokeAll();
			assertThat(restClient.get().uri("/users/alice").retrieve().body(String.class)).contains("alice");
		}
		assertThat(easemob.fake().tokenRequestCount()).as("one token, then one after the 401").isEqualTo(2);
		assertThat(easemob.fake().apiRequests()).extracting(FakeEasemob.ApiRequest::status)
			.containsExactly(200, 200, 401, 200);
		assertThat(easemob.fake().apiRequests().get(1).token()).as("both clients on one token")
			.isEqualTo(easemob.fake().apiRequests().get(0).token());
	}

	@Test
	void shouldReportTheTokensHealthTheSameWayOnBothLines() {
		try (ConfigurableApplicationContext context = start(WebApplicationType.REACTIVE)) {
			WebClient actuator = WebClient
				.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + "/actuator");
			Map<String, Object> before = health(actuator);
			assertThat(before).isEqualTo(Map.of("status", "UNKNOWN", "details", Map.of("app", FakeEasemob.APP_KEY)));
			context.getBean(EasemobTokenProvider.class).getToken().block(WAIT);
			Map<String, Object> after = health(actuator);
			assertThat(after).containsEntry("status", "UP").containsOnlyKeys("status", "details");
			assertThat(after.get("details")).asInstanceOf(InstanceOfAssertFactories.MAP)
				.containsOnlyKeys("app", "expiresAt")
				.containsEntry("app", FakeEasemob.APP_KEY);
		}
	}

	private static Map<String, Object> health(WebClient actuator) {
		return new LinkedHashMap<>(actuator.get()
			.uri("/health/easemobToken")
			.retrieve()
			.bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.block(WAIT));
	}

}
