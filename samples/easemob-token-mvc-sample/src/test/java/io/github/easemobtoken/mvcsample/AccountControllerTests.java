package io.github.easemobtoken.mvcsample;

import java.util.Map;

import io.github.easemobtoken.test.AutoConfigureFakeEasemob;
import io.github.easemobtoken.test.FakeEasemob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "easemob.token.min-request-interval=1ms") // in tests, retry a 401 at once
@AutoConfigureFakeEasemob
class AccountControllerTests {

	@Autowired
	FakeEasemob easemob;

	RestClient client;

	@BeforeEach
	void client(@LocalServerPort int port) {
		this.client = RestClient.create("http://localhost:" + port);
	}

	@Test
	void opensAnAccountAsAnEasemobUser() {
		Map<?, ?> opened = this.client.post().uri("/accounts")
			.body(Map.of("username", "alice", "password", "secret-1")).retrieve().body(Map.class);
		assertThat(opened.get("username")).isEqualTo("alice");
		assertThat(this.easemob.users(FakeEasemob.APP_KEY)).containsExactly("alice");
	}

	@Test
	void recoversWhenEasemobRejectsTheToken() {
		this.easemob.addUsers(FakeEasemob.APP_KEY, "bob");
		this.client.get().uri("/accounts/bob").retrieve().toBodilessEntity();
		int tokens = this.easemob.tokenRequestCount();
		this.easemob.revokeAll();
		this.client.get().uri("/accounts/bob").retrieve().toBodilessEntity();
		assertThat(this.easemob.apiRequests()).extracting(FakeEasemob.ApiRequest::status).containsExactly(200, 401, 200);
		assertThat(this.easemob.tokenRequestCount()).as("one new token after the 401").isEqualTo(tokens + 1);
	}

}
