package io.github.easemobtoken.autoconfigure;

import java.time.Duration;

import io.github.easemobtoken.EasemobApps;
import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.test.EasemobContexts;
import io.github.easemobtoken.test.FakeEasemob;
import io.github.easemobtoken.test.FakeEasemob.Fault;
import io.github.easemobtoken.test.FakeEasemobExtension;
import io.github.easemobtoken.test.FixedTokenProvider;
import io.github.easemobtoken.test.TestApp;
import io.github.easemobtoken.web.EasemobTokenClientHttpRequestInterceptor;
import io.github.easemobtoken.test.BootLine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static io.github.easemobtoken.test.TestApp.USERS_PATH;
import static io.github.easemobtoken.test.TestApp.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link EasemobRestClientAutoConfiguration}: {@code easemobRestClient} and the
 * interceptor bean in blocking applications, none in WebFlux ones.
 */
class EasemobRestClientAutoConfigurationTests {

	@RegisterExtension
	static final FakeEasemobExtension easemob = TestApp.fake();

	private final ApplicationContextRunner contextRunner = EasemobContexts.withRestClient(easemob.fake().baseUrl());

	@BeforeEach
	void easemobAnswers() {
		TestApp.issueTokens(easemob, 3600);
		TestApp.addUsers(easemob);
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
			assertThat(TestApp.calls(easemob, USERS_PATH + "/alice")).extracting(FakeEasemob.ApiRequest::authorization)
				.containsExactly("Bearer " + token(1));
			assertThat(TestApp.tokenRequests(easemob)).isEqualTo(1);
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
			assertThat(TestApp.calls(easemob, USERS_PATH + "/alice")).hasSize(2);
			assertThat(TestApp.tokenRequests(easemob)).isEqualTo(1);
		});
	}

	/** {@code easemob.apps.default.response-timeout} bounds the wait of easemobRestClient's callers, not the flat key. */
	@Test
	void shouldBoundTheWaitForATokenByTheAppDefaultsOwnResponseTimeout() {
		this.contextRunner.withPropertyValues("easemob.apps.default.response-timeout=1s")
			.withBean("neverProvider", EasemobTokenProvider.class, () -> new EasemobTokenProvider() {

				@Override
				public reactor.core.publisher.Mono<io.github.easemobtoken.EasemobToken> getToken() {
					return reactor.core.publisher.Mono.never();
				}

				@Override
				public void invalidate(io.github.easemobtoken.EasemobToken rejected) {
				}

			})
			.run((context) -> {
				long start = System.nanoTime();
				io.github.easemobtoken.EasemobTokenUnavailableException ex = catchThrowableOfType(
						io.github.easemobtoken.EasemobTokenUnavailableException.class,
						() -> getAlice(context.getBean("easemobRestClient", RestClient.class)));
				// the host came from the flat key, the timeout from the app's own: each named where it was set
				assertThat(ex).hasMessage("No Easemob app token within 2000 ms — check easemob.host, or "
						+ "raise easemob.apps.default.response-timeout");
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
			});
	}

	@Test
	void shouldBuildOnBootsRestClientBuilderSoItsCustomizersApply() {
		this.contextRunner.withUserConfiguration(BootLine.RestClientHeaderCustomizer.class).run((context) -> {
			getAlice(context.getBean("easemobRestClient", RestClient.class));
			assertThat(TestApp.calls(easemob, USERS_PATH + "/alice")).extracting((call) -> call.header("X-Customized"))
				.containsExactly("yes");
		});
	}

	@Test
	void shouldTimeOutReadsAfterTheResponseTimeout() {
		easemob.fake().enqueueApiFault(Fault.slow(Duration.ofSeconds(5)));
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
			easemob.fake().accept(TestApp.APP_KEY, FixedTokenProvider.TOKEN);
			assertThat(getAlice(context.getBean("easemobRestClient", RestClient.class))).isEqualTo(HttpStatus.OK);
			assertThat(TestApp.tokenRequests(easemob)).isZero();
		});
	}

	@Test
	void shouldGiveAWebFluxApplicationNoRestClientBeans() {
		EasemobContexts.reactiveWithRestClient(easemob.fake().baseUrl()).run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean("easemobRestClient")
				.doesNotHaveBean(RestClient.class)
				.doesNotHaveBean(EasemobTokenClientHttpRequestInterceptor.class)
				.hasBean("easemobWebClient");
		});
	}

	@Test
	void shouldBackOffWithoutSpringBootRestClient() {
		EasemobContexts.withWebClient(easemob.fake().baseUrl())
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
	void shouldServeABlockingApplicationWithoutSpringWebFlux() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.web.reactive"))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(EasemobTokenProvider.class)
					.doesNotHaveBean("easemobWebClient")
					.doesNotHaveBean("easemobTokenExchangeFilterFunction")
					.doesNotHaveBean(EasemobApps.class);
				assertThat(getAlice(context.getBean("easemobRestClient", RestClient.class))).isEqualTo(HttpStatus.OK);
				assertThat(TestApp.calls(easemob, USERS_PATH + "/alice"))
					.extracting(FakeEasemob.ApiRequest::authorization)
					.containsExactly("Bearer " + token(1));
				assertThat(TestApp.tokenRequests(easemob)).isEqualTo(1);
			});
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
