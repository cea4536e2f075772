package io.github.easemobtoken.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.easemobtoken.store.InMemoryTokenStore;
import io.github.easemobtoken.token.CachingEasemobTokenProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;

/**
 * (d) Stampede: {@code callers} subscribe at once, from the parallel scheduler, to a cold
 * cache (a new provider, or a new Spring Security manager and client service, each
 * invocation) while the local token endpoint takes 50 ms to answer. Reports, per
 * invocation, the token requests the endpoint received and the callers that got an
 * error; the time is that of serving every caller.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Benchmark)
public class StampedeBenchmark {

	@Param({ "1", "100", "10000" })
	public int callers;

	@Param({ "easemob", "springSecurity" })
	public String client;

	private LocalEasemobServer server;

	private Supplier<Mono<?>> token;

	private CachingEasemobTokenProvider provider;

	private final AtomicInteger failedCallers = new AtomicInteger();

	private final List<String> measured = new ArrayList<>();

	@Setup(Level.Trial)
	public void startServer() {
		this.server = new LocalEasemobServer(Duration.ofMillis(50));
	}

	@Setup(Level.Invocation)
	public void coldCache() {
		this.server.resetCount();
		this.failedCallers.set(0);
		if (this.client.equals("easemob")) {
			this.provider = Fixtures.provider(this.server.baseUrl(), new InMemoryTokenStore());
			this.token = this.provider::getToken;
		}
		else {
			AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager = Fixtures
				.springSecurityManager(this.server.tokenUri(), false);
			OAuth2AuthorizeRequest request = OAuth2AuthorizeRequest.withClientRegistrationId(Fixtures.REGISTRATION)
				.principal(Fixtures.ANONYMOUS)
				.build();
			this.token = () -> manager.authorize(request);
		}
	}

	@Benchmark
	public long stampede() {
		return Flux.range(0, this.callers)
			.flatMap((i) -> this.token.get().subscribeOn(Schedulers.parallel()).onErrorResume((ex) -> {
				this.failedCallers.incrementAndGet();
				return Mono.empty();
			}), this.callers)
			.count()
			.block(Duration.ofMinutes(2));
	}

	@TearDown(Level.Invocation)
	public void record() {
		this.measured.add(this.server.tokenRequests() + "/" + this.failedCallers.get());
		if (this.provider != null) {
			this.provider.close();
			this.provider = null;
		}
	}

	@TearDown(Level.Trial)
	public void report() {
		System.out.printf("%n[stampede] client=%s callers=%d token-requests/failed-callers per invocation: %s%n",
				this.client, this.callers, this.measured);
		this.server.close();
	}

}
