package io.github.easemobtoken.autoconfigure;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.easemobtoken.test.BootLine;
import io.github.easemobtoken.test.EasemobContexts;
import io.github.easemobtoken.test.FakeEasemobExtension;
import io.github.easemobtoken.test.TestApp;
import io.github.easemobtoken.test.WireMockFaults;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.easemobtoken.test.TestApp.USERS_PATH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's own HTTP client settings, which each Spring Boot line holds in its own
 * types and keys ({@code HttpClientDefaults}), reach {@code easemobWebClient} and
 * {@code easemobRestClient}: here, whether they follow a redirect.
 */
class ApplicationHttpClientSettingsTests {

	@RegisterExtension
	static final FakeEasemobExtension easemob = TestApp.fake();

	@RegisterExtension
	static final WireMockExtension wireMock = WireMockFaults.server(easemob);

	@BeforeEach
	void aUserMoved() {
		TestApp.issueTokens(easemob, 3600);
		TestApp.addUsers(easemob);
		wireMock.stubFor(get(urlEqualTo(USERS_PATH + "/moved"))
			.willReturn(aResponse().withStatus(302).withHeader("Location", USERS_PATH + "/alice")));
	}

	private ApplicationContextRunner contextRunner() {
		return EasemobContexts.withRestClient(wireMock.baseUrl());
	}

	private static int webClientStatus(WebClient client) {
		return client.get().uri("/users/moved").exchangeToMono((response) -> response.releaseBody()
			.thenReturn(response.statusCode().value())).block();
	}

	private static int restClientStatus(RestClient client) {
		return client.get().uri("/users/moved").retrieve().toBodilessEntity().getStatusCode().value();
	}

	@Test
	void shouldFollowARedirectAsBootsClientsDoByDefault() {
		contextRunner().run((context) -> {
			assertThat(webClientStatus(context.getBean("easemobWebClient", WebClient.class))).isEqualTo(200);
			assertThat(restClientStatus(context.getBean("easemobRestClient", RestClient.class))).isEqualTo(200);
			assertThat(TestApp.calls(easemob, USERS_PATH + "/alice")).hasSize(2);
		});
	}

	@Test
	void shouldFollowNoRedirectWhenTheApplicationSaysSo() {
		contextRunner().withPropertyValues(BootLine.DONT_FOLLOW_REDIRECTS).run((context) -> {
			assertThat(webClientStatus(context.getBean("easemobWebClient", WebClient.class))).isEqualTo(302);
			assertThat(restClientStatus(context.getBean("easemobRestClient", RestClient.class))).isEqualTo(302);
			assertThat(TestApp.calls(easemob, USERS_PATH + "/alice")).isEmpty();
		});
	}

}
