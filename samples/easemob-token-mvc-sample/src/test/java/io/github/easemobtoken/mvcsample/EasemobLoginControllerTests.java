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

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureFakeEasemob
class EasemobLoginControllerTests {

	@Autowired
	FakeEasemob easemob;

	RestClient client;

	@BeforeEach
	void client(@LocalServerPort int port) {
		this.client = RestClient.create("http://localhost:" + port);
	}

	@Test
	void givesTheUserAnIssuedTokenEasemobAccepts() {
		this.easemob.addUsers(FakeEasemob.APP_KEY, "alice");
		Map<?, ?> login = this.client.post().uri("/easemob/login").body(Map.of("username", "alice"))
			.retrieve().body(Map.class);
		assertThat(this.easemob.userOf(FakeEasemob.APP_KEY, (String) login.get("accessToken"))).contains("alice");
		assertThat(this.easemob.userTokenRequests()).hasSize(1);
	}

	@Test
	void givesTheUserADynamicTokenWithNoRequest() {
		Map<?, ?> login = this.client.post().uri("/easemob/login/dynamic").body(Map.of("username", "bob"))
			.retrieve().body(Map.class);
		assertThat(this.easemob.userOf(FakeEasemob.APP_KEY, (String) login.get("accessToken"))).contains("bob");
		assertThat(this.easemob.userTokenRequests()).isEmpty();
	}

}
