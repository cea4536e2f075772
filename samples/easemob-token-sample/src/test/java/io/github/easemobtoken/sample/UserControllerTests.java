package io.github.easemobtoken.sample;

import java.util.Map;

import io.github.easemobtoken.test.AutoConfigureFakeEasemob;
import io.github.easemobtoken.test.FakeEasemob;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		// a 401 for a token younger than this floor is not retried: in tests, a short one
		properties = "easemob.token.min-request-interval=1ms")
@AutoConfigureFakeEasemob
@AutoConfigureWebTestClient
class UserControllerTests {

	@Autowired
	WebTestClient web;

	@Autowired
	FakeEasemob easemob;

	@Test
	void registersTheUserInEasemob() {
		this.web.post()
			.uri("/users")
			.bodyValue(Map.of("username", "alice", "password", "secret-1"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.username")
			.isEqualTo("alice");
		this.web.get().uri("/users/alice").exchange().expectStatus().isOk();
		assertThat(this.easemob.users(FakeEasemob.APP_KEY)).containsExactly("alice");
		assertThat(this.easemob.apiRequests()).extracting(FakeEasemob.ApiRequest::method).containsExactly("POST", "GET");
		assertThat(this.easemob.apiRequests()).extracting(FakeEasemob.ApiRequest::token).as("one token for both")
			.doesNotContainNull()
			.containsOnly(this.easemob.apiRequests().get(0).token());
	}

	@Test
	void recoversWhenEasemobRejectsTheToken() {
		this.web.get().uri("/users/nobody").exchange().expectStatus().isNotFound();
		int tokens = this.easemob.tokenRequestCount();
		this.easemob.revokeAll();
		this.web.get().uri("/users/nobody").exchange().expectStatus().isNotFound();
		assertThat(this.easemob.apiRequests()).extracting(FakeEasemob.ApiRequest::status)
			.containsExactly(404, 401, 404);
		assertThat(this.easemob.tokenRequestCount()).as("one new token after the 401").isEqualTo(tokens + 1);
	}

}
