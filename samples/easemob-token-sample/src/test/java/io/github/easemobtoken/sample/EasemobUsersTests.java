package io.github.easemobtoken.sample;

import io.github.easemobtoken.test.AutoConfigureFakeEasemob;
import io.github.easemobtoken.test.FakeEasemob;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = "easemob.token.min-request-interval=1ms") // in tests, retry a 401 at once
@AutoConfigureFakeEasemob
class EasemobUsersTests {

	@Autowired
	EasemobUsers users;

	@Autowired
	FakeEasemob easemob;

	@Test
	void registersAndFindsUsersAndRecoversFromA401() {
		assertThat(this.users.register("alice", "secret-1").block().username()).isEqualTo("alice");
		assertThat(this.easemob.users(FakeEasemob.APP_KEY)).containsExactly("alice");
		int tokens = this.easemob.tokenRequestCount();
		this.easemob.revokeAll();
		assertThat(this.users.find("alice").block()).isNotNull();
		assertThat(this.users.find("bob").block()).isNull();
		assertThat(this.easemob.apiRequests()).extracting(FakeEasemob.ApiRequest::status)
			.containsExactly(200, 401, 200, 404);
		assertThat(this.easemob.tokenRequestCount()).as("one new token after the 401").isEqualTo(tokens + 1);
	}

}
