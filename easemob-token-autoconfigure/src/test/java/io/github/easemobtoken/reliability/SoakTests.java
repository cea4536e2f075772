package io.github.easemobtoken.reliability;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.easemobtoken.test.EasemobContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 200,000 calls through {@code easemobWebClient} against a local stub whose tokens live one
 * second, so that tokens rotate every half second while the calls run.
 */
class SoakTests {

	private static final int CALLS = 200_000;

	private LocalEasemob easemob;

	@BeforeEach
	void startStub() {
		this.easemob = new LocalEasemob(Duration.ofSeconds(1));
	}

	@AfterEach
	void stopStub() {
		this.easemob.close();
	}

	private ApplicationContextRunner contextRunner() {
		return EasemobContexts.withWebClient(this.easemob.baseUrl())
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

	private static Set<String> threadNames() {
		return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).collect(Collectors.toSet());
	}

	@Test
	void shouldServeEveryCallWhileTokensRotateAndLeaveNothingRunning() {
		this.contextRunner().run((context) -> assertThat(failedCalls(context.getBean("easemobWebClient",
				WebClient.class), 1000)).isZero());
		Set<String> threadsBefore = threadNames();
		int warmUpTokenRequests = this.easemob.tokenRequests();
		long warmUpCalls = this.easemob.accepted();
		long start = System.nanoTime();
		this.contextRunner().run((context) -> {
			long failed = failedCalls(context.getBean("easemobWebClient", WebClient.class), CALLS);
			assertThat(failed).as("failed calls").isZero();
		});
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		int tokenRequests = this.easemob.tokenRequests() - warmUpTokenRequests;
		int rotations = this.easemob.tokensUsed() - warmUpTokenRequests;
		System.out.printf("[soak] %d calls in %d ms: %d token requests, %d tokens used, %d 401s retried%n", CALLS,
				elapsed.toMillis(), tokenRequests, rotations, this.easemob.rejected());
		assertThat(this.easemob.accepted() - warmUpCalls).as("calls that reached the API with a valid token")
			.isEqualTo(CALLS);
		assertThat(rotations).as("tokens used").isGreaterThanOrEqualTo(5);
		assertThat(tokenRequests).as("token requests").isBetween(rotations - 1, rotations + 1);
		int requestsAtClose = this.easemob.tokenRequests();
		await().pollInSameThread()
			.during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(3))
			.until(() -> this.easemob.tokenRequests() == requestsAtClose);
		await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(threadNames()).as("threads left behind")
			.isSubsetOf(threadsBefore));
		assertThat(threadNames()).noneMatch((name) -> name.toLowerCase(Locale.ROOT).contains("easemob"));
	}

}
