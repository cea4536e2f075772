package io.github.easemobtoken.reliability;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.easemobtoken.test.EasemobContexts;
import io.github.easemobtoken.test.FakeEasemob;
import io.github.easemobtoken.test.FakeEasemobExtension;
import io.github.easemobtoken.test.TestApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 200,000 calls through {@code easemobWebClient} against the fake Easemob, whose tokens live one
 * second, so that tokens rotate every half second while the calls run.
 */
class SoakTests {

	private static final int CALLS = 200_000;

	@RegisterExtension
	static final FakeEasemobExtension easemob = TestApp.fake();

	@BeforeEach
	void issueOneSecondTokens() {
		TestApp.issueTokens(easemob, 1);
		TestApp.addUsers(easemob);
	}

	private static Stream<FakeEasemob.ApiRequest> calls(int status) {
		return easemob.fake().apiRequests().stream().filter((call) -> call.status() == status);
	}

	private static long accepted() {
		return calls(200).count();
	}

	private static long rejected() {
		return calls(401).count();
	}

	private static int tokensUsed() {
		return (int) calls(200).map(FakeEasemob.ApiRequest::token).distinct().count();
	}

	private ApplicationContextRunner contextRunner() {
		return EasemobContexts.withWebClient(easemob.fake().baseUrl())
			.withPropertyValues("easemob.token.min-request-interval=250ms");
	}

	private static long failedCalls(WebClient webClient, int calls) {
		return Flux.range(0, calls)
			.flatMap((i) -> webClient.get()
				.uri("/users/{username}", "user" + (i % 100))
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
				.onErrorReturn(-1), 50)
			.filter((status) -> status != 200)
			.count()
			.block(Duration.ofMinutes(5));
	}

	/** The threads of this JVM but the fake Easemob's, which serve the test, not the starter. */
	private static Set<String> threadNames() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.map(Thread::getName)
			.filter((name) -> !name.startsWith("fake-easemob"))
			.collect(Collectors.toSet());
	}

	@Test
	void shouldServeEveryCallWhileTokensRotateAndLeaveNothingRunning() {
		this.contextRunner().run((context) -> assertThat(failedCalls(context.getBean("easemobWebClient",
				WebClient.class), 1000)).isZero());
		Set<String> threadsBefore = threadNames();
		int warmUpTokenRequests = TestApp.tokenRequests(easemob);
		long warmUpCalls = accepted();
		long start = System.nanoTime();
		this.contextRunner().run((context) -> {
			long failed = failedCalls(context.getBean("easemobWebClient", WebClient.class), CALLS);
			assertThat(failed).as("failed calls").isZero();
		});
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		int tokenRequests = TestApp.tokenRequests(easemob) - warmUpTokenRequests;
		int rotations = tokensUsed() - warmUpTokenRequests;
		System.out.printf("[soak] %d calls in %d ms: %d token requests, %d tokens used, %d 401s retried%n", CALLS,
				elapsed.toMillis(), tokenRequests, rotations, rejected());
		assertThat(accepted() - warmUpCalls).as("calls that reached the API with a valid token")
			.isEqualTo(CALLS);
		assertThat(rotations).as("tokens used").isGreaterThanOrEqualTo(5);
		assertThat(tokenRequests).as("token requests").isBetween(rotations - 1, rotations + 1);
		int requestsAtClose = TestApp.tokenRequests(easemob);
		await().pollInSameThread()
			.during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(3))
			.until(() -> TestApp.tokenRequests(easemob) == requestsAtClose);
		await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(threadNames()).as("threads left behind")
			.isSubsetOf(threadsBefore));
		assertThat(threadNames()).as("the starter's threads").noneMatch((name) -> name.toLowerCase(Locale.ROOT).contains("easemob"));
	}

}
