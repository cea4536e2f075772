package io.github.easemobtoken.docs;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.EasemobTokenUnavailableException;
import io.github.easemobtoken.autoconfigure.EasemobAppsAutoConfiguration;
import io.github.easemobtoken.autoconfigure.EasemobRestClientAutoConfiguration;
import io.github.easemobtoken.autoconfigure.EasemobTokenAutoConfiguration;
import io.github.easemobtoken.autoconfigure.EasemobWebClientAutoConfiguration;
import io.github.easemobtoken.docs.apps.TenantUsers;
import io.github.easemobtoken.docs.clients.OwnClientsConfiguration;
import io.github.easemobtoken.docs.errors.EasemobErrors;
import io.github.easemobtoken.docs.token.BearerHeader;
import io.github.easemobtoken.test.FakeEasemob;
import io.github.easemobtoken.test.FakeEasemobExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documentation's examples do what the documentation says, on the fake Easemob.
 */
class DocumentationExamplesTests {

	@RegisterExtension
	static final FakeEasemobExtension easemob = new FakeEasemobExtension(
			(builder) -> builder.app(FakeEasemob.APP_KEY, FakeEasemob.CLIENT_ID, FakeEasemob.CLIENT_SECRET)
				.app("fake-org#tenant-b", "tenant-b-id", "tenant-b-secret"));

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
				ImperativeHttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
				CodecsAutoConfiguration.class, WebClientAutoConfiguration.class, RestClientAutoConfiguration.class,
				RestTemplateAutoConfiguration.class))
		.withConfiguration(AutoConfigurations.of(EasemobTokenAutoConfiguration.class,
				EasemobWebClientAutoConfiguration.class, EasemobRestClientAutoConfiguration.class,
				EasemobAppsAutoConfiguration.class))
		.withInitializer(easemob.initializer());

	@Test
	void clientsOfYourOwnCarryTheAppToken() {
		this.runner.withUserConfiguration(OwnClientsConfiguration.class).run((context) -> {
			String bearer = "Bearer " + context.getBean(EasemobTokenProvider.class)
				.getToken()
				.block(Duration.ofSeconds(10))
				.accessToken();
			ClientRequest[] sent = new ClientRequest[1];
			context.getBean("myEasemobWebClient", WebClient.class)
				.mutate()
				.exchangeFunction((request) -> {
					sent[0] = request;
					return Mono.just(ClientResponse.create(HttpStatus.OK).build());
				})
				.build()
				.get()
				.uri("/users/alice")
				.retrieve()
				.toBodilessEntity()
				.block(Duration.ofSeconds(10));
			assertThat(sent[0].headers().getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo(bearer);
			assertThat(sent[0].url()).hasToString("https://a1.easemob.com/easemob-demo/testapp/users/alice");
			MockClientHttpRequest[] blocking = new MockClientHttpRequest[1];
			context.getBean("myEasemobRestClient", RestClient.class)
				.mutate()
				.requestFactory((uri, method) -> blocking[0] = answered(method, uri))
				.build()
				.get()
				.uri("/users/alice")
				.retrieve()
				.toBodilessEntity();
			assertThat(blocking[0].getHeaders().getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo(bearer);
			RestTemplate template = context.getBean("myEasemobRestTemplate", RestTemplate.class);
			template.setRequestFactory((uri, method) -> blocking[0] = answered(method, uri));
			template.getForEntity("/users/bob", String.class);
			assertThat(blocking[0].getHeaders().getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo(bearer);
			assertThat(easemob.fake().tokenRequestCount()).isEqualTo(1);
		});
	}

	@Test
	void theBearerHeaderIsTheAppTokenTheFakeIssued() {
		this.runner.withBean(BearerHeader.class).run((context) -> {
			String value = context.getBean(BearerHeader.class).value().block(Duration.ofSeconds(10));
			assertThat(value).isEqualTo("Bearer "
					+ context.getBean(EasemobTokenProvider.class).getToken().block(Duration.ofSeconds(10)).accessToken());
			assertThat(easemob.fake().tokenRequests()).extracting(FakeEasemob.TokenRequest::status).containsExactly(200);
		});
	}

	@Test
	void tenantUsersCallsTheAppOfTheTenant() {
		this.runner.withBean(TenantUsers.class).run((context) -> {
			easemob.fake().addUsers("fake-org#tenant-b", "bob");
			String bob = context.getBean(TenantUsers.class).user("b", "bob").block(Duration.ofSeconds(10));
			assertThat(bob).contains("\"username\":\"bob\"");
			assertThat(easemob.fake().tokenRequests()).extracting(FakeEasemob.TokenRequest::app)
				.containsExactly("fake-org#tenant-b");
			assertThat(easemob.fake().apiRequests()).extracting(FakeEasemob.ApiRequest::path)
				.containsExactly("/fake-org/tenant-b/users/bob");
		});
	}

	@Test
	void noTokenIsA503WithRetryAfter() {
		ResponseEntity<ProblemDetail> response = new EasemobErrors().tokenUnavailable(
				new EasemobTokenUnavailableException("no token", null, Instant.now().plusSeconds(30)));
		assertThat(response.getStatusCode().value()).isEqualTo(503);
		assertThat(Long.parseLong(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(28L, 30L);
		assertThat(response.getBody().getDetail()).doesNotContain("no token");
	}

	private static MockClientHttpRequest answered(HttpMethod method, URI uri) {
		MockClientHttpRequest request = new MockClientHttpRequest(method, uri);
		request.setResponse(new MockClientHttpResponse(new byte[0], HttpStatus.OK));
		return request;
	}

}
