package io.github.easemobtoken.sample;

import java.time.Duration;

import io.github.easemobtoken.EasemobToken;
import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.test.FakeEasemob;
import io.github.easemobtoken.test.FakeEasemobExtension;
import io.github.easemobtoken.test.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of this Spring Boot 3 application on one real {@code redis-server}
 * ({@code easemob.token.store=redis}): one token request for both, and each calls Easemob with it.
 */
class FleetOnRedisTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	@RegisterExtension
	static final FakeEasemobExtension easemob = new FakeEasemobExtension(
			(builder) -> builder.tokenLifetime(Duration.ofHours(1)));

	private ConfigurableApplicationContext instance() {
		return new SpringApplicationBuilder(SampleApplication.class).web(WebApplicationType.NONE)
			.initializers(easemob.initializer())
			.properties("easemob.token.store=redis", "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=" + redis.port())
			.run();
	}

	@Test
	void shouldShareOneTokenThroughRedis() {
		assertThat(SpringBootVersion.getVersion()).startsWith("3.5.");
		easemob.fake().addUsers(FakeEasemob.APP_KEY, "alice");
		try (ConfigurableApplicationContext first = instance(); ConfigurableApplicationContext second = instance()) {
			EasemobToken one = first.getBean(EasemobTokenProvider.class).getToken().block(WAIT);
			EasemobToken two = second.getBean(EasemobTokenProvider.class).getToken().block(WAIT);
			assertThat(two.accessToken()).isEqualTo(one.accessToken());
			assertThat(first.getBean("easemobWebClient", WebClient.class)
				.get()
				.uri("/users/alice")
				.retrieve()
				.bodyToMono(String.class)
				.block(WAIT)).contains("alice");
			assertThat(second.getBean("easemobRestClient", RestClient.class).get().uri("/users/alice").retrieve()
				.body(String.class)).contains("alice");
		}
		assertThat(easemob.fake().tokenRequestCount()).as("one token for the fleet").isEqualTo(1);
		assertThat(easemob.fake().apiRequests()).extracting(FakeEasemob.ApiRequest::status).containsExactly(200, 200);
		assertThat(easemob.fake().apiRequests()).extracting(FakeEasemob.ApiRequest::token).as("the one token")
			.containsOnly(easemob.fake().apiRequests().get(0).token())
			.doesNotContainNull();
	}

}
