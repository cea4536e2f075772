package io.github.easemobtoken.test;

import java.time.Duration;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under {@code @AutoConfigureFakeEasemob}, the fake is reset after each test method, so
 * tests that share a cached context start from a clean fake without {@code @DirtiesContext},
 * and the token the context cached stays valid; a test class may opt out.
 */
class FakeEasemobResetTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

	@Nested
	@SpringBootTest(classes = Application.class)
	@AutoConfigureFakeEasemob
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	class Resetting {

		@Autowired
		FakeEasemob easemob;

		@Autowired
		@Qualifier("easemobWebClient")
		WebClient easemobWebClient;

		@Test
		@Order(1)
		void first() {
			this.easemob.addUsers(FakeEasemob.APP_KEY, "alice");
			assertThat(status("/users/alice")).isEqualTo(200);
			this.easemob.enqueueApiFault(FakeEasemob.Fault.status(503, "service_unavailable", "down"));
			assertThat(this.easemob.tokenRequestCount()).isEqualTo(1);
		}

		@Test
		@Order(2)
		void secondStartsFromACleanFakeOnTheSameContextsToken() {
			assertThat(this.easemob.users(FakeEasemob.APP_KEY)).isEmpty();
			assertThat(this.easemob.tokenRequests()).isEmpty();
			assertThat(this.easemob.apiRequests()).isEmpty();
			assertThat(status("/users/alice")).as("no queued fault left, no user").isEqualTo(404);
			assertThat(this.easemob.tokenRequestCount()).as("the token cached in the first test still valid").isZero();
		}

		private int status(String path) {
			return this.easemobWebClient.get()
				.uri(path)
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
				.block(Duration.ofSeconds(10));
		}

	}

	@Nested
	@SpringBootTest(classes = Application.class)
	@AutoConfigureFakeEasemob(resetAfterEachTest = false)
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	class NotResetting {

		@Autowired
		FakeEasemob easemob;

		@Test
		@Order(1)
		void first() {
			this.easemob.addUsers(FakeEasemob.APP_KEY, "bob");
		}

		@Test
		@Order(2)
		void secondSeesTheFirstsState() {
			assertThat(this.easemob.users(FakeEasemob.APP_KEY)).containsExactly("bob");
		}

	}

}
