package io.github.easemobtoken.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.easemobtoken.autoconfigure.EasemobTokenAutoConfiguration;
import io.github.easemobtoken.autoconfigure.EasemobWebClientAutoConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * (e) Requests per second through {@code easemobWebClient}, as the starter configures it
 * in a Spring Boot application, against a plain {@code WebClient} from the same
 * {@code WebClient.Builder} with a constant bearer header and the same connection settings
 * (a pool of 50, the same timeouts), both against the same in-process HTTP stub. Each
 * operation is one request; a batch of 1,000 runs 50 at a time. The whole Netty stack
 * takes about 15 s to warm up on 2 cores, hence the long warmup.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 15, time = 1)
@Measurement(iterations = 10, time = 2)
@Fork(3)
@State(Scope.Benchmark)
public class EndToEndBenchmark {

	private static final int BATCH = 1000;

	private static final int CONCURRENCY = 50;

	private LocalEasemobServer server;

	private ConfigurableApplicationContext context;

	private WebClient easemob;

	private WebClient plain;

	private ConnectionProvider plainPool;

	@SpringBootConfiguration
	@ImportAutoConfiguration({ HttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
			CodecsAutoConfiguration.class, WebClientAutoConfiguration.class, EasemobTokenAutoConfiguration.class,
			EasemobWebClientAutoConfiguration.class })
	static class Application {

	}

	@Setup
	public void setUp() {
		this.server = new LocalEasemobServer(Duration.ZERO);
		this.context = new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("easemob.host=" + this.server.baseUrl(), "easemob.app-key=" + Fixtures.ORG + "#" + Fixtures.APP,
					"easemob.client-id=client-id", "easemob.client-secret=client-secret")
			.run();
		this.easemob = this.context.getBean("easemobWebClient", WebClient.class);
		this.plainPool = ConnectionProvider.builder("plain")
			.maxConnections(CONCURRENCY)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(Duration.ofSeconds(10))
			.maxIdleTime(Duration.ofSeconds(20))
			.build();
		this.plain = this.context.getBean(WebClient.Builder.class)
			.baseUrl(this.server.baseUrl() + "/" + Fixtures.ORG + "/" + Fixtures.APP)
			.clientConnector(ClientHttpConnectorBuilder.reactor()
				.withHttpClientFactory(() -> HttpClient.create(this.plainPool))
				.build(HttpClientSettings.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10))))
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + Fixtures.ACCESS_TOKEN)
			.build();
		Fixtures.check(batch(this.easemob) == BATCH && batch(this.plain) == BATCH, "calls failed");
	}

	@TearDown
	public void tearDown() {
		this.context.close();
		this.plainPool.dispose();
		this.server.close();
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public long easemobWebClient() {
		return batch(this.easemob);
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public long plainWebClient() {
		return batch(this.plain);
	}

	private static long batch(WebClient webClient) {
		return Flux.range(0, BATCH)
			.flatMap((i) -> webClient.get()
				.uri("/users/{username}", "user")
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value())),
					CONCURRENCY)
			.filter((status) -> status == 200)
			.count()
			.block(Duration.ofMinutes(1));
	}

}
