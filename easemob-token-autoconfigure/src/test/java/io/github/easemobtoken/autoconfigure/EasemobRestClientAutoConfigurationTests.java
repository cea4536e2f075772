package io.github.easemobtoken.autoconfigure;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.test.EasemobContexts;
import io.github.easemobtoken.test.EasemobStub;
import io.github.easemobtoken.test.FixedTokenProvider;
import io.github.easemobtoken.web.EasemobTokenClientHttpRequestInterceptor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.github.easemobtoken.test.EasemobStub.USERS_PATH;
import static io.github.easemobtoken.test.EasemobStub.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link EasemobRestClientAutoConfiguration}: {@code easemobRestClient} and the
 * interceptor bean in blocking applications, none in WebFlux ones.
 */
class EasemobRestClientAutoConfigurationTests {

	@RegisterExtension
	static final WireMockExtension easemob = EasemobStub.wireMock();

	private final ApplicationContextRunner contextRunner = EasemobContexts.withRestClient(easemob.baseUrl());

	@BeforeEach
	void easemobAnswers() {
		EasemobStub.issueTokens(easemob, 3600);
		easemob.stubFor(get(urlPathMatching(USERS_PATH + "/.*")).withHeader("Authorization", equalTo("Bearer " + token(1)))
			.willReturn(okJson("{\"entities\":[{\"username\":\"alice\"}]}")));
	}

	private static HttpStatus getAlice(RestClient restClient) {
		return HttpStatus.valueOf(
				restClient.get().uri("/users/{username}", "alice").retrieve().toBodilessEntity().getStatusCode().value());
	}

	@Test
	void shouldProvideAnEasemobRestClientWithTheAppBaseUrlAndTheInterceptor() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean("easemobRestClient")
				.hasBean("easemobTokenClientHttpRequestInterceptor")
				.hasSingleBean(EasemobTokenClientHttpRequestInterceptor.class);
			assertThat(getAlice(context.getBean("easemobRestClient", RestClient.class))).isEqualTo(HttpStatus.OK);
			easemob.verify(1, getRequestedFor(urlEqualTo(USERS_PATH + "/alice")).withHeader("Authorization",
					equalTo("Bearer " + token(1))));
			assertThat(EasemobStub.tokenRequests(easemob)).isEqualTo(1);
		});
	}

	@Test
	void shouldGiveABlockingApplicationBothClientsOnOneToken() {
		this.contextRunner.run((context) -> {
			assertThat(getAlice(context.getBean("easemobRestClient", RestClient.class))).isEqualTo(HttpStatus.OK);
			assertThat(context.getBean("easemobWebClient", WebClient.class)
				.get()
				.uri("/users/{username}", "alice")
				.retrieve()
				.toBodilessEntity()
				.block(Duration.ofSeconds(10))
				.getStatusCode()
				.value()).isEqualTo(200);
			easemob.verify(2, getRequestedFor(urlEqualTo(USERS_PATH + "/alice")));
			assertThat(EasemobStub.tokenRequests(easemob)).isEqualTo(1);
		});
	}

	@Test
	void shouldBuildOnBootsRestClientBuilderSoItsCustomizersApply() {
		this.contextRunner.withUserConfiguration(CustomizerConfiguration.class).run((context) -> {
			getAlice(context.getBean("easemobRestClient", RestClient.class));
			easemob.verify(1, getRequestedFor(urlEqualTo(USERS_PATH + "/alice")).withHeader("X-Customized",
					equalTo("yes")));
		});
	}

	@Test
	void shouldTimeOutReadsAfterTheResponseTimeout() {
		easemob.stubFor(get(urlPathMatching(USERS_PATH + "/slow")).atPriority(1).willReturn(okJson("{}").withFixedDelay(5000)));
		this.contextRunner.withPropertyValues("easemob.response-timeout=1500ms").run((context) -> {
			RestClient restClient = context.getBean("easemobRestClient", RestClient.class);
			context.getBean(EasemobTokenProvider.class).getToken().block();
			long start = System.nanoTime();
			ResourceAccessException ex = catchThrowableOfType(ResourceAccessException.class,
					() -> restClient.get().uri("/users/{username}", "slow").retrieve().toBodilessEntity());
			Duration waited = Duration.ofNanos(System.nanoTime() - start);
			assertThat(ex).isNotNull();
			assertThat(waited).isBetween(Duration.ofMillis(1400), Duration.ofMillis(4000));
		});
	}

	@Test
	void shouldBackOffWhenTheUserDefinesAnEasemobRestClientOrInterceptor() {
		this.contextRunner.withUserConfiguration(UserRestClientConfiguration.class).run((context) -> {
			UserRestClientConfiguration user = context.getBean(UserRestClientConfiguration.class);
			assertThat(context.getBean("easemobRestClient")).isSameAs(user.own);
			assertThat(context.getBean(EasemobTokenClientHttpRequestInterceptor.class)).isSameAs(user.interceptor);
			assertThat(context).doesNotHaveBean("easemobTokenClientHttpRequestInterceptor");
		});
	}

	@Test
	void shouldUseTheUsersProviderWhenThereIsOne() {
		this.contextRunner.withBean("myProvider", EasemobTokenProvider.class, FixedTokenProvider::new).run((context) -> {
			easemob.stubFor(get(urlPathMatching(USERS_PATH + "/.*")).atPriority(1)
				.withHeader("Authorization", equalTo("Bearer " + FixedTokenProvider.TOKEN))
				.willReturn(okJson("{}")));
			assertThat(getAlice(context.getBean("easemobRestClient", RestClient.class))).isEqualTo(HttpStatus.OK);
			assertThat(EasemobStub.tokenRequests(easemob)).isZero();
		});
	}

	@Test
	void shouldGiveAWebFluxApplicationNoRestClientBeans() {
		EasemobContexts.reactiveWithRestClient(easemob.baseUrl()).run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean("easemobRestClient")
				.doesNotHaveBean(RestClient.class)
				.doesNotHaveBean(EasemobTokenClientHttpRequestInterceptor.class)
				.hasBean("easemobWebClient");
		});
	}

	@Test
	void shouldBackOffWithoutSpringBootRestClient() {
		EasemobContexts.withWebClient(easemob.baseUrl())
			.withConfiguration(AutoConfigurations.of(EasemobRestClientAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.restclient"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("easemobRestClient")
				.doesNotHaveBean(EasemobTokenClientHttpRequestInterceptor.class)
				.hasBean("easemobWebClient"));
	}

	@Test
	void shouldBackOffWithoutSpringWebsRestClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RestClient.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("easemobRestClient")
				.doesNotHaveBean(EasemobTokenClientHttpRequestInterceptor.class));
	}

	@Test
	void shouldConfigureNothingWhenDisabled() {
		this.contextRunner.withPropertyValues("easemob.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean("easemobRestClient")
				.doesNotHaveBean(EasemobTokenClientHttpRequestInterceptor.class)
				.hasSingleBean(RestClient.Builder.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		RestClientCustomizer customizedHeader() {
			return (builder) -> builder.defaultHeader("X-Customized", "yes");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRestClientConfiguration {

		final RestClient own = RestClient.create("http://localhost:1");

		final EasemobTokenClientHttpRequestInterceptor interceptor = new EasemobTokenClientHttpRequestInterceptor(
				new FixedTokenProvider(), Duration.ofSeconds(1));

		@Bean
		RestClient easemobRestClient() {
			return this.own;
		}

		@Bean
		EasemobTokenClientHttpRequestInterceptor myInterceptor() {
			return this.interceptor;
		}

	}

}
