package io.github.easemobtoken.reliability;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.IntStream;

import io.github.easemobtoken.test.BootLine;
import io.github.easemobtoken.test.FakeEasemobExtension;
import io.github.easemobtoken.test.TestApp;
import io.github.easemobtoken.test.UsersApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static io.github.easemobtoken.test.TestApp.CLIENT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin token and the client secret never reach a log, whatever logging the user
 * turns on: Spring's request details ({@code spring.http.codecs.log-request-details}), and
 * every logger at TRACE (java.util.logging included, through Boot's bridge), for the token
 * request, for {@code easemobWebClient} and for {@code easemobRestClient} on each HTTP
 * client Spring Boot can pick.
 */
@ExtendWith(OutputCaptureExtension.class)
class TokenNeverLoggedTests {

	@RegisterExtension
	static final FakeEasemobExtension easemob = TestApp.fake();

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

	private final LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());

	private final java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");

	private final Level julLevel = this.julRoot.getLevel();

	private int logStart;

	/** Logging levels outlive the context that set them; later tests must not run at TRACE. */
	@AfterEach
	void restoreLogLevels() {
		this.loggingSystem.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
		this.julRoot.setLevel(this.julLevel);
	}

	private ConfigurableApplicationContext start(WebApplicationType type, String... properties) {
		return new SpringApplicationBuilder(Application.class).web(type)
			.properties("server.port=0", "easemob.host=" + easemob.fake().baseUrl(), "easemob.app-key=easemob-demo#testapp",
					"easemob.client-id=" + TestApp.CLIENT_ID, "easemob.client-secret=" + CLIENT_SECRET,
					"easemob.token.min-request-interval=1ms", BootLine.LOG_REQUEST_DETAILS_PROPERTY + "=true",
					"spring.mvc.log-request-details=true")
			.properties(properties)
			.run();
	}

	/** Everything at TRACE from now on, after startup, so the log stays about the calls. */
	private void traceEverything(CapturedOutput output) {
		this.logStart = output.getAll().length();
		this.loggingSystem.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.TRACE);
		this.julRoot.setLevel(Level.ALL);
	}

	private void assertNothingSecret(CapturedOutput output) {
		List<String> secrets = new java.util.ArrayList<>(List.of(CLIENT_SECRET));
		IntStream.rangeClosed(1, 5).mapToObj(TestApp::token).forEach(secrets::add);
		String log = output.getAll().substring(this.logStart);
		assertThat(log).as("TRACE was on").contains("TRACE");
		for (String secret : secrets) {
			// The token's last 12 characters are unique to it; its first 60 are shared by all.
			assertThat(log).as("the log").doesNotContain(secret.substring(secret.length() - 12));
		}
	}

	@Test
	void shouldNotLogTheTokenOrTheSecretFromEasemobWebClient(CapturedOutput output) {
		TestApp.issueTokens(easemob, 3600);
		UsersApi users = new UsersApi(easemob);
		users.acceptOnly(2);
		try (ConfigurableApplicationContext context = start(WebApplicationType.REACTIVE)) {
			traceEverything(output);
			WebClient client = context.getBean("easemobWebClient", WebClient.class);
			String body = client.get().uri("/users/alice").retrieve().bodyToMono(String.class)
				.block(Duration.ofSeconds(10));
			assertThat(body).contains("alice");
			assertThat(users.callsWith(1)).as("401, then the retry with token 2").isEqualTo(1);
		}
		assertNothingSecret(output);
	}

	@ParameterizedTest
	@ValueSource(strings = { "reactor", "jdk", "simple", "http-components", "jetty" })
	void shouldNotLogTheTokenOrTheSecretFromEasemobRestClient(String factory, CapturedOutput output) {
		TestApp.issueTokens(easemob, 3600);
		UsersApi users = new UsersApi(easemob);
		users.acceptOnly(2);
		try (ConfigurableApplicationContext context = start(WebApplicationType.SERVLET,
				BootLine.REQUEST_FACTORY_PROPERTY + "=" + factory)) {
			traceEverything(output);
			RestClient client = context.getBean("easemobRestClient", RestClient.class);
			assertThat(client.get().uri("/users/alice").retrieve().body(String.class)).contains("alice");
			assertThat(users.callsWith(1)).as("401, then the retry with token 2").isEqualTo(1);
		}
		assertNothingSecret(output);
	}

}
