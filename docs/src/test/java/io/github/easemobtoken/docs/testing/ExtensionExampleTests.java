package io.github.easemobtoken.docs.testing;

import java.time.Duration;

import io.github.easemobtoken.test.FakeEasemob;
import io.github.easemobtoken.test.FakeEasemobExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class ExtensionExampleTests {

	@RegisterExtension
	static final FakeEasemobExtension easemob = new FakeEasemobExtension();

	@Test
	void callsEasemobWithTheAppToken() {
		easemob.fake().addUsers(FakeEasemob.APP_KEY, "alice");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ExampleApplication.class)
			.web(WebApplicationType.NONE)
			.initializers(easemob.initializer()) // the fake's easemob.* ahead of application.yml
			.run()) {
			String alice = context.getBean("easemobWebClient", WebClient.class)
				.get()
				.uri("/users/alice")
				.retrieve()
				.bodyToMono(String.class)
				.block(Duration.ofSeconds(10));
			assertThat(alice).contains("\"username\":\"alice\"");
			assertThat(easemob.fake().tokenRequestCount()).isEqualTo(1);
		}
	}

	@SpringBootApplication
	static class ExampleApplication {

	}

}
