package io.github.easemobtoken.mvcsample;

import java.io.File;
import java.util.Arrays;

import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.test.AutoConfigureFakeEasemob;
import io.github.easemobtoken.test.FakeEasemob;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MVC sample end to end on the fake Easemob, as a user's test would be: an account opens
 * an Easemob user with one token request, a revoked token is replaced once, and the
 * application runs without Netty and without Spring WebFlux (its pom excludes WebFlux from
 * the starter).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "easemob.token.min-request-interval=1ms")
@AutoConfigureFakeEasemob
class AccountControllerTests {

	@LocalServerPort
	int port;

	@Autowired
	FakeEasemob easemob;

	@Autowired
	ApplicationContext context;

	@Test
	void shouldOpenAnAccountAsAnEasemobUserAndRecoverFromA401() {
		RestClient client = RestClient.create("http://localhost:" + this.port);
		String opened = client.post().uri("/accounts?username=alice&password=pw").retrieve().body(String.class);
		assertThat(opened).contains("\"username\":\"alice\"").containsPattern("\"uuid\":\"[0-9a-f-]{36}\"");
		assertThat(this.easemob.users(FakeEasemob.ORG_NAME + "#" + FakeEasemob.APP_NAME)).containsExactly("alice");
		assertThat(this.easemob.tokenRequestCount()).isEqualTo(1);
		this.easemob.revokeAll();
		String found = client.get().uri("/accounts/alice").retrieve().body(String.class);
		assertThat(found).contains("\"activated\":true");
		assertThat(this.easemob.apiRequests()).extracting(FakeEasemob.ApiRequest::status).containsExactly(200, 401, 200);
		assertThat(this.easemob.tokenRequestCount()).as("the first token and its replacement").isEqualTo(2);
	}

	@Test
	void shouldRunWithoutNettyOrSpringWebFlux() {
		assertThat(ClassUtils.isPresent("io.netty.channel.Channel", null)).isFalse();
		assertThat(ClassUtils.isPresent("reactor.netty.http.client.HttpClient", null)).isFalse();
		assertThat(ClassUtils.isPresent("org.springframework.web.reactive.function.client.WebClient", null)).isFalse();
		assertThat(Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)))
			.noneMatch((entry) -> entry.contains("netty") || entry.contains("spring-webflux"));
	}

	@Test
	void shouldGetTheBlockingBeansAndNoneThatNeedsWebFlux() {
		assertThat(this.context.getBeanNamesForType(EasemobTokenProvider.class)).containsExactly("easemobTokenProvider");
		assertThat(this.context.getBeanNamesForType(RestClient.class)).containsExactly("easemobRestClient");
		assertThat(this.context.containsBean("easemobWebClient")).isFalse();
		assertThat(this.context.containsBean("easemobApps")).isFalse();
	}

}
