package io.github.easemobtoken.mvcsample;

import java.util.List;
import java.util.Map;

import io.github.easemobtoken.test.AutoConfigureFakeEasemob;
import io.github.easemobtoken.test.FakeEasemob;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP service client of the group {@code easemob} gets the app's base URL and token.
 */
@SpringBootTest
@AutoConfigureFakeEasemob
class EasemobUsersApiTests {

	@Autowired
	EasemobUsersApi users;

	@Autowired
	FakeEasemob easemob;

	@Test
	void shouldRegisterAndReadAUserWithTheAppToken() {
		this.users.register(List.of(Map.of("username", "carol", "password", "pw")));
		assertThat(this.users.get("carol").path("entities").path(0).path("username").asString()).isEqualTo("carol");
		assertThat(this.easemob.users(FakeEasemob.APP_KEY)).containsExactly("carol");
		assertThat(this.easemob.apiRequests()).allSatisfy((call) -> assertThat(call.authorization()).startsWith("Bearer "));
	}

}
