package io.github.easemobtoken.sample;

import java.util.Map;

import io.github.easemobtoken.test.AutoConfigureFakeEasemob;
import io.github.easemobtoken.test.FakeEasemob;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample tested as a user tests a service of their own, with the published test kit
 * ({@code io.github.easemobtoken:easemob-token-test}): no credentials, no network, no demo
 * profile; a fake Easemob started for the context and autowired to assert on.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		// A 401 for a token younger than the floor is not retried (see the README); in a test, a short floor
		properties = "easemob.token.min-request-interval=1ms")
@AutoConfigureFakeEasemob(apps = "acme#im")
@AutoConfigureWebTestClient
// A context, and so a fake and a token cache, of its own for each test: each counts its token requests from 0
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_EACH_TEST_METHOD)
class UserControllerTests {

	@Autowired
	private WebTestClient web;

	@Autowired
	private FakeEasemob easemob;

	@Test
	void shouldRegisterTheUserInEasemobWithOneTokenRequest() {
		this.web.post()
			.uri("/users")
			.bodyValue(Map.of("username", "alice", "password", "alice-password"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.username")
			.isEqualTo("alice");
		this.web.get().uri("/users/alice").exchange().expectStatus().isOk();
		assertThat(this.easemob.users("acme#im")).containsExactly("alice");
		assertThat(this.easemob.tokenRequestCount()).isEqualTo(1);
		assertThat(this.easemob.apiRequests()).extracting(FakeEasemob.ApiRequest::method).containsExactly("POST", "GET");
	}

	@Test
	void shouldRecoverWhenEasemobRejectsTheToken() {
		this.web.get().uri("/users/nobody").exchange().expectStatus().isNotFound();
		this.easemob.revokeAll();
		this.web.get().uri("/users/nobody").exchange().expectStatus().isNotFound();
		assertThat(this.easemob.tokenRequestCount()).as("the first token, then its replacement").isEqualTo(2);
		assertThat(this.easemob.apiRequests()).extracting(FakeEasemob.ApiRequest::status)
			.as("404, then the 401 of the revoked token and the retry's 404")
			.containsExactly(404, 401, 404);
	}

}
