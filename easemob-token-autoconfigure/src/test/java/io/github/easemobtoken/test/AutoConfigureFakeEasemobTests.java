package io.github.easemobtoken.test;

import java.time.Duration;

import io.github.easemobtoken.EasemobApps;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @AutoConfigureFakeEasemob} with the starter, as a user's test has it: two apps,
 * the fake autowired, a 401 recovered.
 */
@SpringBootTest(properties = "easemob.token.min-request-interval=1ms")
@AutoConfigureFakeEasemob(apps = { "acme#im", "acme#tenant-b" })
class AutoConfigureFakeEasemobTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

	@Autowired
	FakeEasemob easemob;

	@Autowired
	@Qualifier("easemobWebClient")
	WebClient easemobWebClient;

	@Autowired
	EasemobApps apps;

	@Test
	void shouldPointEveryAppAtTheFakeAndRecoverFromA401() {
		String created = this.easemobWebClient.post()
			.uri("/users")
			.bodyValue("[{\"username\":\"alice\",\"password\":\"pw\"}]")
			.header("Content-Type", "application/json")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
		assertThat(created).contains("\"username\":\"alice\"");
		assertThat(this.easemob.users("acme#im")).containsExactly("alice");
		assertThat(this.easemob.tokenRequestCount()).isEqualTo(1);
		this.easemob.revokeAll();
		String found = this.easemobWebClient.get().uri("/users/alice").retrieve().bodyToMono(String.class)
			.block(Duration.ofSeconds(10));
		assertThat(found).contains("\"username\":\"alice\"");
		assertThat(this.easemob.tokenRequestCount()).as("the first token, then its replacement after the 401")
			.isEqualTo(2);
		assertThat(this.easemob.apiRequests()).extracting(FakeEasemob.ApiRequest::status).containsExactly(200, 401, 200);
		assertThat(this.apps.names()).containsExactly("default", "tenant-b");
		this.apps.webClient("tenant-b").get().uri("/users/bob").retrieve().toBodilessEntity()
			.onErrorResume((ex) -> reactor.core.publisher.Mono.empty())
			.block(Duration.ofSeconds(10));
		assertThat(this.easemob.tokenRequests()).last().extracting(FakeEasemob.TokenRequest::app).isEqualTo("acme#tenant-b");
	}

}
