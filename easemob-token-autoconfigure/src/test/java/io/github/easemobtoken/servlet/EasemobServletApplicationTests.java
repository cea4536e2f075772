package io.github.easemobtoken.servlet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.easemobtoken.test.FakeEasemobExtension;
import io.github.easemobtoken.test.TestApp;
import io.github.easemobtoken.test.UsersApi;
import io.github.easemobtoken.web.EasemobTokenClientHttpRequestInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static io.github.easemobtoken.test.TestApp.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring MVC application, as a user writes it: a controller that calls Easemob through
 * the auto-configured {@code easemobRestClient}, against the fake Easemob. Each test
 * starts with a cold token cache.
 */
@SpringBootTest(classes = EasemobServletApplicationTests.MvcApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "easemob.app-key=" + TestApp.ORG + "#"
				+ TestApp.APP, "easemob.client-id=" + TestApp.CLIENT_ID,
				"easemob.client-secret=" + TestApp.CLIENT_SECRET, "easemob.token.min-request-interval=100ms" })
@DirtiesContext(classMode = ClassMode.BEFORE_EACH_TEST_METHOD)
class EasemobServletApplicationTests {

	/** Longer than the floor, so that a 401 drops the token it answers. */
	private static final int API_DELAY_MILLIS = 200;

	@RegisterExtension
	static final FakeEasemobExtension easemob = TestApp.fake();

	@DynamicPropertySource
	static void easemobHost(DynamicPropertyRegistry registry) {
		registry.add("easemob.host", () -> easemob.fake().baseUrl());
	}

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	private final UsersApi usersApi = new UsersApi(easemob, API_DELAY_MILLIS);

	private ResponseEntity<String> getProfile(String username) {
		return RestClient.builder()
			.requestFactory(new JdkClientHttpRequestFactory())
			.baseUrl("http://localhost:" + this.port)
			.build()
			.get()
			.uri("/profiles/{username}", username)
			.retrieve()
			.onStatus((status) -> true, (request, response) -> {
			})
			.toEntity(String.class);
	}

	@Test
	void shouldGiveAnMvcApplicationBothClientsAndTheInterceptor() {
		assertThat(this.context).isInstanceOf(WebApplicationContext.class);
		assertThat(this.context.getBean("easemobRestClient")).isInstanceOf(RestClient.class);
		assertThat(this.context.getBean("easemobWebClient")).isInstanceOf(WebClient.class);
		assertThat(this.context.getBeanNamesForType(EasemobTokenClientHttpRequestInterceptor.class))
			.containsExactly("easemobTokenClientHttpRequestInterceptor");
	}

	@Test
	void shouldCallEasemobWithTheBearerToken() {
		TestApp.issueTokens(easemob, 3600);
		this.usersApi.acceptOnly(1);
		ResponseEntity<String> response = getProfile("alice");
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody()).contains("alice");
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(1);
		assertThat(this.usersApi.callsWith(1)).isEqualTo(1);
	}

	@Test
	void shouldRefreshAndRetryOnceAfterA401() {
		TestApp.issueTokens(easemob, 3600);
		this.usersApi.acceptOnly(2);
		ResponseEntity<String> response = getProfile("alice");
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(response.getBody()).contains("alice");
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(2);
		assertThat(this.usersApi.callsWith(1)).as("rejected").isEqualTo(1);
		assertThat(this.usersApi.callsWith(2)).as("retried").isEqualTo(1);
	}

	@Test
	void shouldHandTheSecond401ToTheCaller() {
		TestApp.issueTokens(easemob, 3600);
		this.usersApi.acceptOnly(99);
		ResponseEntity<String> response = getProfile("alice");
		assertThat(response.getStatusCode().value()).isEqualTo(401);
		assertThat(response.getBody()).contains("Unable to authenticate due to expired access token");
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(2);
		assertThat(this.usersApi.callsWith(1) + this.usersApi.callsWith(2)).isEqualTo(2);
	}

	@Test
	void shouldShareOneTokenRequestAmongFiftyConcurrentCallsOnAColdCache() throws Exception {
		TestApp.issueTokens(easemob, 3600, 300);
		this.usersApi.acceptOnly(1);
		ExecutorService callers = Executors.newFixedThreadPool(50);
		try {
			List<Future<ResponseEntity<String>>> calls = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				calls.add(callers.submit(() -> getProfile("alice")));
			}
			for (Future<ResponseEntity<String>> call : calls) {
				assertThat(call.get().getStatusCode().value()).isEqualTo(200);
			}
		}
		finally {
			callers.shutdownNow();
		}
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(1);
		assertThat(this.usersApi.callsWith(1)).isEqualTo(50);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(ProfileController.class)
	static class MvcApplication {

	}

	@RestController
	static class ProfileController {

		private final RestClient easemob;

		ProfileController(@Qualifier("easemobRestClient") RestClient easemob) {
			this.easemob = easemob;
		}

		@GetMapping("/profiles/{username}")
		ResponseEntity<String> profile(@PathVariable String username) {
			ResponseEntity<String> user = this.easemob.get()
				.uri("/users/{username}", username)
				.retrieve()
				.onStatus((status) -> true, (request, response) -> {
				})
				.toEntity(String.class);
			return ResponseEntity.status(user.getStatusCode()).body(user.getBody());
		}

	}

}
