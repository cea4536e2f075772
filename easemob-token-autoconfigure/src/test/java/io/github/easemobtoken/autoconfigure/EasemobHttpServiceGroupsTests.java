package io.github.easemobtoken.autoconfigure;

import java.time.Duration;

import io.github.easemobtoken.EasemobApps;
import io.github.easemobtoken.test.EasemobContexts;
import io.github.easemobtoken.test.FakeEasemob;
import io.github.easemobtoken.test.FakeEasemobExtension;
import io.github.easemobtoken.test.TestApp;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.service.ReactiveHttpServiceClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.registry.HttpServiceGroup.ClientType;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @ImportHttpServices} groups named after an Easemob app get its base URL and token,
 * and the 401 retry, on RestClient and on WebClient; every other group and every plain
 * client built from Boot's builders get no {@code Authorization} header.
 */
class EasemobHttpServiceGroupsTests {

	@RegisterExtension
	static final FakeEasemobExtension easemob = TestApp.fake("easemob-demo#tenant-b");

	private final ApplicationContextRunner contextRunner = EasemobContexts
		.withRestClient(easemob.fake().baseUrl())
		.withConfiguration(AutoConfigurations.of(HttpServiceClientPropertiesAutoConfiguration.class, HttpServiceClientAutoConfiguration.class,
				ReactiveHttpServiceClientAutoConfiguration.class, EasemobAppsAutoConfiguration.class,
				EasemobHttpServiceGroupsAutoConfiguration.class))
		.withPropertyValues("easemob.token.min-request-interval=1ms",
				"spring.http.serviceclient.other.base-url=" + easemob.fake().baseUrl(),
				"spring.http.serviceclient.reactive-other.base-url=" + easemob.fake().baseUrl());

	@BeforeEach
	void addUsers() {
		TestApp.issueTokens(easemob, 3600);
		TestApp.addUsers(easemob);
		easemob.fake().addUsers("easemob-demo#tenant-b", "alice");
	}

	/** The users API of the app whose group it is in: the base URL is {host}/{org}/{app}. */
	@HttpExchange("/users")
	interface EasemobUsers {

		@GetExchange("/{username}")
		String user(@PathVariable String username);

	}

	@HttpExchange("/users")
	interface ReactiveEasemobUsers {

		@GetExchange("/{username}")
		Mono<String> user(@PathVariable String username);

	}

	/** The same API in a group of another name: it must not get the token. */
	interface OtherUsers {

		@GetExchange("/easemob-demo/testapp/users/{username}")
		String user(@PathVariable String username);

	}

	interface ReactiveOtherUsers {

		@GetExchange("/easemob-demo/testapp/users/{username}")
		Mono<String> user(@PathVariable String username);

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "easemob", types = EasemobUsers.class)
	@ImportHttpServices(group = "other", types = OtherUsers.class)
	static class RestClientGroups {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "easemob", types = ReactiveEasemobUsers.class, clientType = ClientType.WEB_CLIENT)
	@ImportHttpServices(group = "reactive-other", types = ReactiveOtherUsers.class, clientType = ClientType.WEB_CLIENT)
	static class WebClientGroups {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "easemob", types = EasemobUsers.class)
	@ImportHttpServices(group = "tenant-b", types = ReactiveEasemobUsers.class, clientType = ClientType.WEB_CLIENT)
	static class TwoAppGroups {

	}

	/** The users API of the app {@code tenant-b}, on RestClient. */
	@HttpExchange("/users")
	interface TenantBUsers {

		@GetExchange("/{username}")
		String user(@PathVariable String username);

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "easemob", types = EasemobUsers.class)
	@ImportHttpServices(group = "tenant-b", types = TenantBUsers.class)
	static class TwoAppRestClientGroups {

	}

	private static String lastAuthorization() {
		return easemob.fake().apiRequests().get(easemob.fake().apiRequests().size() - 1).authorization();
	}

	@Test
	void shouldGiveTheRestClientGroupEasemobTheTokenAndThe401Retry() {
		this.contextRunner.withUserConfiguration(RestClientGroups.class).run((context) -> {
			EasemobUsers users = context.getBean(EasemobUsers.class);
			assertThat(users.user("alice")).contains("\"username\":\"alice\"");
			assertThat(lastAuthorization()).isEqualTo("Bearer " + TestApp.token(1));
			easemob.fake().revoke(TestApp.token(1));
			assertThat(users.user("alice")).contains("\"username\":\"alice\"");
			assertThat(easemob.fake().apiRequests()).extracting(FakeEasemob.ApiRequest::status)
				.containsExactly(200, 401, 200);
			assertThat(lastAuthorization()).isEqualTo("Bearer " + TestApp.token(2));
			assertThat(TestApp.tokenRequests(easemob)).isEqualTo(2);
		});
	}

	@Test
	void shouldGiveNoTokenToAnotherRestClientGroupOrAPlainRestClient() {
		this.contextRunner.withUserConfiguration(RestClientGroups.class).run((context) -> {
			context.getBean(EasemobUsers.class).user("alice");
			HttpStatusCode other = statusOf(() -> context.getBean(OtherUsers.class).user("alice"));
			assertThat(other.value()).isEqualTo(401);
			assertThat(lastAuthorization()).as("the group 'other'").isNull();
			HttpStatusCode plain = statusOf(() -> context.getBean(RestClient.Builder.class)
				.baseUrl(easemob.fake().baseUrl())
				.build()
				.get()
				.uri(TestApp.USERS_PATH + "/alice")
				.retrieve()
				.toBodilessEntity());
			assertThat(plain.value()).isEqualTo(401);
			assertThat(lastAuthorization()).as("a plain RestClient").isNull();
			assertThat(TestApp.tokenRequests(easemob)).isEqualTo(1);
		});
	}

	@Test
	void shouldGiveTheWebClientGroupEasemobTheTokenAndNoOtherGroupOrClient() {
		this.contextRunner.withUserConfiguration(WebClientGroups.class).run((context) -> {
			ReactiveEasemobUsers users = context.getBean(ReactiveEasemobUsers.class);
			assertThat(users.user("alice").block(Duration.ofSeconds(10))).contains("\"username\":\"alice\"");
			assertThat(lastAuthorization()).isEqualTo("Bearer " + TestApp.token(1));
			easemob.fake().revoke(TestApp.token(1));
			assertThat(users.user("alice").block(Duration.ofSeconds(10))).contains("\"username\":\"alice\"");
			assertThat(lastAuthorization()).as("after the 401, the new token").isEqualTo("Bearer " + TestApp.token(2));
			HttpStatusCode other = statusOf(
					() -> context.getBean(ReactiveOtherUsers.class).user("alice").block(Duration.ofSeconds(10)));
			assertThat(other.value()).isEqualTo(401);
			assertThat(lastAuthorization()).as("the group 'reactive-other'").isNull();
			HttpStatusCode plain = statusOf(() -> context.getBean(WebClient.Builder.class)
				.baseUrl(easemob.fake().baseUrl())
				.build()
				.get()
				.uri(TestApp.USERS_PATH + "/alice")
				.retrieve()
				.toBodilessEntity()
				.block(Duration.ofSeconds(10)));
			assertThat(plain.value()).isEqualTo(401);
			assertThat(lastAuthorization()).as("a plain WebClient").isNull();
			assertThat(TestApp.tokenRequests(easemob)).isEqualTo(2);
		});
	}

	@Test
	void shouldGiveTheGroupOfANamedAppThatAppsBaseUrlAndToken() {
		this.contextRunner.withUserConfiguration(TwoAppGroups.class)
			.withPropertyValues("easemob.apps.tenant-b.app-key=easemob-demo#tenant-b",
					"easemob.apps.tenant-b.client-id=" + TestApp.CLIENT_ID,
					"easemob.apps.tenant-b.client-secret=" + TestApp.CLIENT_SECRET)
			.run((context) -> {
				context.getBean(EasemobUsers.class).user("alice");
				String defaultToken = lastAuthorization();
				context.getBean(ReactiveEasemobUsers.class).user("alice").block(Duration.ofSeconds(10));
				assertTenantBWasCalledWithItsOwnToken(defaultToken);
			});
	}

	@Test
	void shouldGiveTheRestClientGroupsOfEveryAppTheirTokensWithoutSpringWebFlux() {
		this.contextRunner.withUserConfiguration(TwoAppRestClientGroups.class)
			.withClassLoader(new FilteredClassLoader("org.springframework.web.reactive"))
			.withPropertyValues("easemob.apps.tenant-b.app-key=easemob-demo#tenant-b",
					"easemob.apps.tenant-b.client-id=" + TestApp.CLIENT_ID,
					"easemob.apps.tenant-b.client-secret=" + TestApp.CLIENT_SECRET)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(EasemobApps.class).doesNotHaveBean("easemobWebClient");
				assertThat(context.getBean(EasemobUsers.class).user("alice")).contains("\"username\":\"alice\"");
				assertThat(lastAuthorization()).isEqualTo("Bearer " + TestApp.token(1));
				assertThat(context.getBean(TenantBUsers.class).user("alice")).contains("\"username\":\"alice\"");
				assertTenantBWasCalledWithItsOwnToken("Bearer " + TestApp.token(1));
			});
	}

	/**
	 * The second API call went to the app {@code tenant-b}'s path with a token of its own,
	 * and each app made one token request.
	 */
	private static void assertTenantBWasCalledWithItsOwnToken(@Nullable String defaultAuthorization) {
		FakeEasemob.ApiRequest tenantB = easemob.fake().apiRequests().get(1);
		assertThat(tenantB.path()).isEqualTo("/easemob-demo/tenant-b/users/alice");
		assertThat(tenantB.status()).isEqualTo(200);
		assertThat(tenantB.authorization()).startsWith("Bearer YWMt").isNotEqualTo(defaultAuthorization);
		assertThat(easemob.fake().tokenRequestCount("easemob-demo#tenant-b")).isEqualTo(1);
		assertThat(TestApp.tokenRequests(easemob)).isEqualTo(1);
	}

	private static HttpStatusCode statusOf(Runnable call) {
		try {
			call.run();
			return HttpStatusCode.valueOf(200);
		}
		catch (org.springframework.web.client.RestClientResponseException ex) {
			return ex.getStatusCode();
		}
		catch (org.springframework.web.reactive.function.client.WebClientResponseException ex) {
			return ex.getStatusCode();
		}
	}

}
