package io.github.easemobtoken.mvcsample;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.easemobtoken.test.FakeEasemobExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing the starter starts outlives the context: a servlet application that made token
 * requests and API calls leaves no thread of its own alive once it is closed, and logs no
 * warning doing so.
 */
@ExtendWith(OutputCaptureExtension.class)
class ContextShutdownTests {

	@RegisterExtension
	static final FakeEasemobExtension easemob = new FakeEasemobExtension();

	@Test
	void shouldLeaveNoThreadAliveAndLogNoWarningOnceTheContextIsClosed(CapturedOutput output) {
		Set<Thread> before = Thread.getAllStackTraces().keySet();
		runAndClose(before);
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			// On JDK 17 the JDK's HttpClient has no close(): its selector thread ends once the client is unreachable
			System.gc();
			assertThat(startedSince(before)).isEmpty();
		});
		assertThat(output.getAll()).doesNotContain(" WARN ").doesNotContain(" ERROR ");
	}

	/** In a method of its own, so that no local variable keeps the closed context reachable. */
	private static void runAndClose(Set<Thread> before) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MvcSampleApplication.class)
			.initializers(easemob.initializer())
			.run("--server.port=0", "--easemob.token.min-request-interval=1ms")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			RestClient client = RestClient.builder()
				.requestFactory(new SimpleClientHttpRequestFactory())
				.baseUrl("http://127.0.0.1:" + port)
				.build();
			client.post()
				.uri("/accounts")
				.body(java.util.Map.of("username", "alice", "password", "pw"))
				.retrieve()
				.toBodilessEntity();
			easemob.fake().revokeAll();
			client.get().uri("/accounts/alice").retrieve().toBodilessEntity();
			assertThat(easemob.fake().tokenRequestCount()).as("a token, and its replacement after the 401")
				.isEqualTo(2);
			assertThat(startedSince(before)).as("threads while it runs").isNotEmpty();
		}
	}

	private static Set<String> startedSince(Set<Thread> before) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && !before.contains(thread))
			// the fake's, Awaitility's, and the JVM's own shared pools (CompletableFuture's timer, the common pool)
			.filter((thread) -> !thread.getName().startsWith("fake-easemob") && !thread.getName().startsWith("awaitility")
					&& !thread.getName().equals("CompletableFutureDelayScheduler")
					&& !thread.getName().startsWith("ForkJoinPool.commonPool-"))
			.map(Thread::getName)
			.collect(Collectors.toCollection(java.util.TreeSet::new));
	}

}
