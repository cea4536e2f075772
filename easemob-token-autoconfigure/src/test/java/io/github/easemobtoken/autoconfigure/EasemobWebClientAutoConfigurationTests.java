package io.github.easemobtoken.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.github.easemobtoken.EasemobTokenProvider;
import io.github.easemobtoken.test.EasemobContexts;
import io.github.easemobtoken.test.FakeEasemob;
import io.github.easemobtoken.test.FakeEasemobExtension;
import io.github.easemobtoken.test.FixedTokenProvider;
import io.github.easemobtoken.test.TestApp;
import io.github.easemobtoken.web.EasemobTokenExchangeFilterFunction;
import io.micrometer.core.instrument.MeterRegistry;
import io.github.easemobtoken.test.BootLine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static io.github.easemobtoken.test.TestApp.USERS_PATH;
import static io.github.easemobtoken.test.TestApp.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link EasemobWebClientAutoConfiguration}: the {@code easemobWebClient} and filter
 * beans, built on Boot's {@code WebClient.Builder}, with timeouts and a queueing pool.
 */
class EasemobWebClientAutoConfigurationTests {

	@RegisterExtension
	static final FakeEasemobExtension easemob = TestApp.fake();

	private final ApplicationContextRunner contextRunner = EasemobContexts.withWebClient(easemob.fake().baseUrl());

	@BeforeEach
	void easemobAnswers() {
		TestApp.issueTokens(easemob, 3600);
		TestApp.addUsers(easemob);
	}

	private static HttpStatus getAlice(WebClient webClient) {
		return HttpStatus.valueOf(webClient.get()
			.uri("/users/{username}", "alice")
			.retrieve()
			.toBodilessEntity()
			.block(Duration.ofSeconds(10))
			.getStatusCode()
			.value());
	}

	@Test
	void shouldProvideAnEasemobWebClientWithTheAppBaseUrlAndTheBearerFilter() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean("easemobWebClient")
				.hasBean("easemobTokenExchangeFilterFunction")
				.hasSingleBean(EasemobTokenExchangeFilterFunction.class);
			assertThat(getAlice(context.getBean("easemobWebClient", WebClient.class))).isEqualTo(HttpStatus.OK);
			assertThat(TestApp.calls(easemob, USERS_PATH + "/alice")).extracting(FakeEasemob.ApiRequest::authorization)
				.containsExactly("Bearer " + token(1));
		});
	}

	@Test
	void shouldReplaceTheCallersAuthorizationHeaderWithExactlyOneBearerToken() {
		this.contextRunner.run((context) -> {
			WebClient webClient = context.getBean("easemobWebClient", WebClient.class);
			getAlice(webClient);
			webClient.get()
				.uri("/users/{username}", "alice")
				.header("Authorization", "Basic dXNlcjpwYXNz")
				.retrieve()
				.toBodilessEntity()
				.block(Duration.ofSeconds(10));
			assertThat(easemob.fake().apiRequests()).hasSize(2)
				.allSatisfy((call) -> assertThat(call.headers().get("Authorization")).containsExactly("Bearer " + token(1)));
		});
	}

	@Test
	void shouldBuildOnBootsWebClientBuilderSoItsCustomizersApply() {
		this.contextRunner.withUserConfiguration(BootLine.WebClientHeaderCustomizer.class).run((context) -> {
			getAlice(context.getBean("easemobWebClient", WebClient.class));
			assertThat(TestApp.calls(easemob, USERS_PATH + "/alice")).extracting((call) -> call.header("X-Customized"))
				.containsExactly("yes");
		});
	}

	@Test
	void shouldRecordBootsHttpClientRequestsMetric() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(BootLine.of(BootLine.OBSERVATION, BootLine.METRICS,
					BootLine.WEB_CLIENT_OBSERVATION, new Class<?>[] { EasemobTokenMetricsAutoConfiguration.class })))
			.run((context) -> {
				getAlice(context.getBean("easemobWebClient", WebClient.class));
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("http.client.requests")
					.tag("uri", "/easemob-demo/testapp/users/{username}")
					.tag("status", "200")
					.timer()
					.count()).isEqualTo(1);
				assertThat(registry.get("easemob.token.refresh").tag("outcome", "success").timer().count())
					.isEqualTo(1);
			});
	}

	@Test
	void shouldBackOffWhenTheUserDefinesAnEasemobWebClient() {
		this.contextRunner.withUserConfiguration(UserWebClientConfiguration.class).run((context) -> {
			assertThat(context.getBean("easemobWebClient")).isSameAs(context.getBean(UserWebClientConfiguration.class).own);
			assertThat(context).hasSingleBean(EasemobTokenExchangeFilterFunction.class);
		});
	}

	@Test
	void shouldLetTheUserAddTheFilterToAWebClientOfTheirOwn() {
		this.contextRunner.withUserConfiguration(OwnClientConfiguration.class).run((context) -> {
			WebClient mine = context.getBean("myEasemobClient", WebClient.class);
			assertThat(getAlice(mine)).isEqualTo(HttpStatus.OK);
			assertThat(TestApp.calls(easemob, USERS_PATH + "/alice")).extracting(FakeEasemob.ApiRequest::authorization)
				.containsExactly("Bearer " + token(1));
		});
	}

	@Test
	void shouldUseTheUsersProviderWhenThereIsOne() {
		this.contextRunner.withBean("myProvider", EasemobTokenProvider.class, FixedTokenProvider::new).run((context) -> {
			easemob.fake().accept(TestApp.APP_KEY, FixedTokenProvider.TOKEN);
			assertThat(getAlice(context.getBean("easemobWebClient", WebClient.class))).isEqualTo(HttpStatus.OK);
			assertThat(TestApp.tokenRequests(easemob)).isZero();
		});
	}

	@Test
	void shouldQueueABurstOfAThousandCallsBeyondThePool() {
		easemob.fake().apiDelay(Duration.ofMillis(20));
		this.contextRunner.run((context) -> {
			WebClient webClient = context.getBean("easemobWebClient", WebClient.class);
			List<Integer> statuses = Flux.range(0, 1000)
				.flatMap((i) -> webClient.get().uri("/users/{username}", "u" + i).retrieve().toBodilessEntity(), 1000)
				.map((entity) -> entity.getStatusCode().value())
				.collectList()
				.block(Duration.ofSeconds(30));
			assertThat(statuses).hasSize(1000).containsOnly(200);
			assertThat(TestApp.tokenRequests(easemob)).isEqualTo(1);
		});
	}

	@Test
	void shouldHoldCallsBeyondMaxConnectionsUntilAConnectionIsFree() {
		easemob.fake().apiDelay(Duration.ofMillis(200));
		this.contextRunner.withPropertyValues("easemob.max-connections=2").run((context) -> {
			WebClient webClient = context.getBean("easemobWebClient", WebClient.class);
			getAlice(webClient);
			long start = System.nanoTime();
			List<Integer> statuses = Flux.range(0, 10)
				.flatMap((i) -> webClient.get().uri("/users/{username}", "u" + i).retrieve().toBodilessEntity(), 10)
				.map((entity) -> entity.getStatusCode().value())
				.collectList()
				.block(Duration.ofSeconds(30));
			assertThat(statuses).hasSize(10).containsOnly(200);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("5 rounds of 2 calls of 200 ms")
				.isGreaterThanOrEqualTo(Duration.ofMillis(1000));
		});
	}

	@Test
	void shouldTimeOutCallsAfterTheResponseTimeout() {
		easemob.fake().apiDelay(Duration.ofMillis(5000));
		this.contextRunner.withPropertyValues("easemob.response-timeout=1500ms").run((context) -> {
			WebClient webClient = context.getBean("easemobWebClient", WebClient.class);
			context.getBean(EasemobTokenProvider.class).getToken().block();
			long start = System.nanoTime();
			WebClientRequestException ex = catchThrowableOfType(WebClientRequestException.class,
					() -> webClient.get().uri("/users/{username}", "alice").retrieve().toBodilessEntity().block());
			assertThat(ex).isNotNull();
			assertThat(ex.getCause().getClass().getSimpleName()).isEqualTo("ReadTimeoutException");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1500),
					Duration.ofMillis(4000));
		});
	}

	@Test
	void shouldWorkWithTheJdkHttpClientWhenReactorNettyIsAbsent() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("reactor.netty"))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(EasemobConnectionPool.class);
				assertThat(getAlice(context.getBean("easemobWebClient", WebClient.class))).isEqualTo(HttpStatus.OK);
				assertThat(TestApp.tokenRequests(easemob)).isEqualTo(1);
			});
	}

	@Test
	void shouldConfigureNothingWhenDisabled() {
		this.contextRunner.withPropertyValues("easemob.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean("easemobWebClient")
				.doesNotHaveBean(EasemobTokenExchangeFilterFunction.class);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserWebClientConfiguration {

		final WebClient own = WebClient.create("http://localhost:1");

		@Bean
		WebClient easemobWebClient() {
			return this.own;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnClientConfiguration {

		@Bean
		WebClient myEasemobClient(WebClient.Builder builder, EasemobTokenExchangeFilterFunction easemobTokenExchangeFilterFunction) {
			return builder.baseUrl(easemob.fake().baseUrl() + "/easemob-demo/testapp")
				.filter(easemobTokenExchangeFilterFunction)
				.build();
		}

	}

}
