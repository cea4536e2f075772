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

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureFakeEasemob
@AutoConfigureWebTestClient
class EasemobLoginControllerTests {

	@Autowired
	WebTestClient web;

	@Autowired
	FakeEasemob easemob;

	@Test
	void givesTheUserATokenEasemobAccepts() {
		this.easemob.addUsers(FakeEasemob.APP_KEY, "alice");
		Map<?, ?> login = this.web.post()
			.uri("/easemob/login")
			.bodyValue(Map.of("username", "alice"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		assertThat(login.get("username")).isEqualTo("alice");
		assertThat(this.easemob.userOf(FakeEasemob.APP_KEY, (String) login.get("accessToken"))).contains("alice");
		assertThat(this.easemob.userTokenRequests()).singleElement()
			.satisfies((request) -> assertThat(request.autoCreateUser()).isFalse());
	}

}
